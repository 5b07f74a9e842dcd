// The "SIP (local server)" widget of `npm run dev:sip`: createCallingClient()
// with createSipProvider(), registered with the local Kamailio that
// scripts/dev-sip.mjs started. HubSpot's Call button dials the callee page.
import { createCallingClient, type Call } from "hubspot-calling-kit";
import { createSipProvider } from "hubspot-calling-kit/sip";

const env = import.meta.env as Record<string, string | undefined>;
const user = "agent";
const provider = createSipProvider({
  server: env.VITE_SIP_SERVER ?? "ws://127.0.0.1:5066",
  uri: `sip:${user}@${env.VITE_SIP_DOMAIN ?? "sip.test"}`,
  // The local server's test password; a real widget fetches credentials from its backend.
  credentials: { username: user, password: `secret-${user}` },
  iceServers: [],
  audio: document.querySelector<HTMLAudioElement>("#remote")!,
  ringTimeoutMs: 30_000,
});
const client = createCallingClient({ provider, allowedOrigins: [env.VITE_PLAYGROUND_ORIGIN ?? "http://localhost:5173"] });

const $ = (id: string) => document.getElementById(id)!;
const log = (line: string) => ($("log").textContent = `${new Date().toLocaleTimeString()} ${line}\n${$("log").textContent}`);
const button = (label: string, action: () => Promise<unknown> | unknown) => {
  const element = document.createElement("button");
  element.textContent = label;
  element.onclick = () => Promise.resolve(action()).catch((error: Error) => log(`${label} failed: ${error.message}`));
  $("controls").append(element);
};

provider.subscribe(() => {
  const { status, error } = provider.getSnapshot();
  $("status").textContent = error ? `${status} (${error.message})` : status;
});
$("who").textContent = `as sip:${user}@${env.VITE_SIP_DOMAIN ?? "sip.test"}`;
client.subscribe(() => {
  const call = client.getSnapshot().call;
  $("call").textContent = call ? `${call.direction} ${call.status} ${call.toNumber ?? call.fromNumber ?? ""}` : "none";
});
client.on("callEnded", ({ endStatus, cause }) => log(`ended ${endStatus}${cause ? ` (SIP ${cause.code} ${cause.text})` : ""}`));
client.on("dialRequested", ({ request }) => log(`HubSpot asks to call ${request.phoneNumber}: press Dial`));

const current = (): Call => {
  const call = client.getCall();
  if (!call) throw new Error("no call");
  return call;
};
let muted = false;
let held = false;
button("Log in", async () => {
  await client.logIn();
  await client.setAvailable(true);
  await provider.start({ timeout: 10_000 });
  log("registered: the callee page can call you (Call the agent)");
});
button("Dial", () => client.dial({ toNumber: client.getSnapshot().dialRequest?.phoneNumber ?? "+16175550100" }));
button("Answer", () => current().answer());
button("Decline", () => current().reject());
button("Mute", () => current().mute((muted = !muted)));
button("Hold", () => current().hold((held = !held)));
button("Hang up", () => current().hangUp());
button("Complete", () => current().complete({ notes: "Called over SIP from the playground" }));

client.ready().then(() => log("HubSpot (the playground) is ready; press Log in"));
Object.assign(window, { widget: { client, provider } });
