import { type CallingSnapshot, initialSnapshot } from "../../src/index";
import type { MachineEvent } from "../../src/machine/machineEvent";
import { transition } from "../../src/machine/transition";

export const HOST = {
  portalId: 123,
  userId: 7,
  ownerId: 8,
  iframeLocation: "widget",
  usesCallingWindow: false,
  hostUrl: "https://app.hubspot.com",
} as const;

/** Applies events in order, failing loudly if one is refused or warned about. */
export function run(events: MachineEvent[], from: CallingSnapshot = initialSnapshot()): CallingSnapshot {
  let snapshot = from;
  for (const event of events) {
    const [next, effects] = transition(snapshot, event);
    const bad = effects.find(
      (effect) => effect.type === "reject" || (effect.type === "emit" && effect.notice.type === "warning"),
    );
    if (bad) throw new Error(`fixture event ${event.type} was not accepted: ${JSON.stringify(bad)}`);
    snapshot = next;
  }
  return snapshot;
}

const synced: MachineEvent[] = [{ type: "hostSynced", host: HOST }];
const loggedOut: MachineEvent[] = [...synced, { type: "initialize", isLoggedIn: false }];
const idle: MachineEvent[] = [...loggedOut, { type: "logIn" }];
const dial: MachineEvent = { type: "dial", callId: "c1", toNumber: "+16175550100", createEngagement: true, at: 1_000 };
const dialing: MachineEvent[] = [...idle, dial];
const ringing: MachineEvent[] = [...dialing, { type: "providerRinging", callId: "c1" }];
const connected: MachineEvent[] = [...ringing, { type: "providerAnswered", callId: "c1", at: 2_000 }];
const ended: MachineEvent[] = [...connected, { type: "providerEnded", callId: "c1", reason: "completed", at: 62_000 }];
const wrappingUp: MachineEvent[] = [...ended, { type: "complete", details: { notes: "n" } }];
const incoming: MachineEvent[] = [
  ...idle,
  { type: "providerIncoming", callId: "c1", from: "+16175550123", to: "+16175550199", createEngagement: true, at: 1_000 },
];

/** Every state the machine can be in, reached through real transitions. */
export const STATES = {
  connecting: [],
  ready: synced,
  loggedOut,
  idle,
  dialRequested: [...idle, { type: "hostDialNumber", payload: { phoneNumber: "+16175550100", startTimestamp: 5 }, at: 900 }],
  dialing,
  ringing,
  connected,
  onHold: [...connected, { type: "hold", held: true }],
  incoming,
  answering: [...incoming, { type: "answer" }],
  ended,
  wrappingUp,
  completed: [...wrappingUp, { type: "writeSucceeded", callId: "c1", queued: false }],
} satisfies Record<string, MachineEvent[]>;

export type StateName = keyof typeof STATES;
export const STATE_NAMES = Object.keys(STATES) as StateName[];

export const stateOf = (name: StateName) => run(STATES[name]);
