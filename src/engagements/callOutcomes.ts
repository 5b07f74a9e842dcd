/**
 * HubSpot's default call outcomes (`hs_call_disposition`), by name. Accounts
 * can define their own outcomes; pass their GUID instead of a name.
 *
 * @example
 * ```ts
 * CALL_OUTCOMES.connected; // "f240bbac-87c9-4f6e-bf70-924b57d47db7"
 * ```
 */
export const CALL_OUTCOMES = {
  /** Busy. */
  busy: "9d9162e7-6cf3-4944-bf63-4dff82258764",
  /** Connected. */
  connected: "f240bbac-87c9-4f6e-bf70-924b57d47db7",
  /** Left a live message. */
  leftLiveMessage: "a4c4c377-d246-4b32-a13b-75a56a4cd0ff",
  /** Left a voicemail. */
  leftVoicemail: "b2cf5968-551e-4856-9783-52b3da59a7d0",
  /** No answer. */
  noAnswer: "73a0d17f-1163-4015-bdd5-ec830791da20",
  /** Wrong number. */
  wrongNumber: "17b47fee-58de-441e-a44c-c6300d46f273",
} as const;

/**
 * A default outcome name (see {@link CALL_OUTCOMES}).
 *
 * @example
 * ```ts
 * await call.complete({ outcome: "leftVoicemail" satisfies CallOutcome });
 * ```
 */
export type CallOutcome = keyof typeof CALL_OUTCOMES;
