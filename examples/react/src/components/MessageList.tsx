import type { Messages } from "../useMessages";

/** Errors (until dismissed) and the latest notice. */
export function MessageList({ messages }: { messages: Messages }) {
  return (
    <>
      <div className="alerts" role="alert" aria-live="assertive" data-testid="errors">
        {messages.errors.map((item) => (
          <div className="alert" key={item.id}>
            <span>{item.text}</span>
            <button type="button" className="dismiss" aria-label="Dismiss" onClick={() => messages.dismiss(item.id)}>
              ×
            </button>
          </div>
        ))}
      </div>
      <div className="notices" role="status" aria-live="polite" data-testid="notices">
        {messages.notice && <div className="notice">{messages.notice}</div>}
      </div>
    </>
  );
}
