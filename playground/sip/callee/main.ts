// The far end of `npm run dev:sip`: the contact's phone, a plain sip.js
// user agent registered with the local Kamailio as the playground record's
// number. Answer the widget's call here and you hear each other (both ends
// use this computer's microphone and speakers; use headphones).
import { Invitation, Inviter, Registerer, type Session, UserAgent } from "sip.js";

const env = import.meta.env as Record<string, string | undefined>;
const domain = env.VITE_SIP_DOMAIN ?? "sip.test";
const user = "+16175550100";
const $ = (id: string) => document.getElementById(id) as HTMLButtonElement;
$("me").textContent = `sip:${user}@${domain}`;
const media = { constraints: { audio: true, video: false } };
let session: Session | undefined;

const ua = new UserAgent({
  uri: UserAgent.makeURI(`sip:${user}@${domain}`),
  authorizationUsername: user,
  authorizationPassword: `secret-${user}`,
  transportOptions: { server: env.VITE_SIP_SERVER ?? "ws://127.0.0.1:5066" },
  sessionDescriptionHandlerFactoryOptions: { peerConnectionConfiguration: { iceServers: [] } },
  logLevel: "warn",
  delegate: {
    onInvite(invitation) {
      follow(invitation);
      void invitation.progress();
      $("state").textContent = `ringing: ${invitation.remoteIdentity.uri.user} calls`;
      $("answer").disabled = false;
    },
  },
});

function follow(next: Session) {
  session = next;
  next.stateChange.addListener((state) => {
    $("state").textContent = state === "Established" ? "connected" : state === "Terminated" ? "registered, idle" : String(state);
    $("hangup").disabled = state === "Terminated";
    if (state !== "Initial") $("answer").disabled = true;
    if (state === "Established") {
      const player = document.querySelector<HTMLAudioElement>("#remote")!;
      player.srcObject = (next.sessionDescriptionHandler as unknown as { remoteMediaStream: MediaStream }).remoteMediaStream;
      void player.play();
    }
  });
}

$("answer").onclick = () => void (session as Invitation).accept({ sessionDescriptionHandlerOptions: media });
$("hangup").onclick = () => {
  if (!session) return;
  if (session.state === "Established") void session.bye();
  else if (session instanceof Inviter) void session.cancel();
  else void (session as Invitation).reject();
};
$("call").onclick = () => {
  const inviter = new Inviter(ua, UserAgent.makeURI(`sip:agent@${domain}`)!, { sessionDescriptionHandlerOptions: media });
  follow(inviter);
  void inviter.invite();
};

await ua.start();
new Registerer(ua, { expires: 300 }).register({
  requestDelegate: {
    onAccept: () => ($("state").textContent = "registered, idle"),
    onReject: (response) => ($("state").textContent = `registration refused: ${response.message.statusCode}`),
  },
});
Object.assign(window, { callee: { ua, state: () => session?.state ?? null } });
