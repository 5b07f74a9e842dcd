import type { Call, CallingSnapshot } from "hubspot-calling-kit";

/** What every screen is rendered from. */
export interface View {
  /** The client's state. */
  snapshot: CallingSnapshot;
  /** The current call's handle, when there is a call. */
  call: Call | null;
  /** Numbers the user may call from. */
  callerNumbers: readonly string[];
  /** Whether an action is running (buttons show it and do not repeat it). */
  busy: boolean;
  /** Whether hanging up is under way (hang-up has its own guard: it never waits for another action). */
  hangingUp: boolean;
  /** Whether HubSpot's caller-ID lookup for the current call failed. */
  callerLookupFailed: boolean;
  /** The time, for timers. */
  now: number;
}

/** What the screens ask the app to do; the app reports failures. */
export interface Actions {
  logIn(email: string): void;
  logOut(): void;
  setAvailable(available: boolean): void;
  dial(toNumber: string, fromNumber: string | undefined): void;
  answer(): void;
  reject(): void;
  hangUp(): void;
  mute(muted: boolean): void;
  hold(held: boolean): void;
  sendDigits(digits: string): void;
  complete(notes: string, outcome: string): void;
  /** Closes an ended call without logging it (a call that never connected). */
  discard(): void;
}

/** One screen of the widget: built once, updated on every change (so typed text and focus survive). */
export interface Screen {
  /** The screen's root element. */
  element: HTMLElement;
  /** Brings the screen up to date. */
  update(view: View): void;
  /** Moves focus to the screen's main control when it appears. */
  focus(): void;
}
