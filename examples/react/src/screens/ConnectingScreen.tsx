/** Before HubSpot's SYNC: the widget is not usable yet. */
export function ConnectingScreen() {
  return (
    <section className="screen center" data-testid="connecting">
      <div className="spinner" aria-hidden="true" />
      <p>Connecting to HubSpot…</p>
    </section>
  );
}
