import { PROVIDER_END_REASONS, type ProviderCallEvent } from "../providers/telephonyProvider";

/**
 * The event types that end a call: `ended` and `failed`.
 *
 * @internal
 */
export const TERMINAL = new Set(["ended", "failed"]);

/**
 * Collects one call's events and waits for the ones a check expects.
 *
 * @internal
 */
export class EventLog {
  readonly events: ProviderCallEvent[] = [];
  #wake = new Set<() => void>();
  #problems: string[] = [];

  constructor(readonly timeout: number) {}

  listener = (event: ProviderCallEvent) => {
    const problem = shapeProblem(event);
    if (problem) this.#problems.push(problem);
    this.events.push(event);
    for (const wake of [...this.#wake]) wake();
  };

  describe(): string {
    return this.events.length === 0 ? "no events" : `events [${this.events.map(describeEvent).join(", ")}]`;
  }

  assertWellFormed(): void {
    if (this.#problems.length > 0) throw new Error(`Malformed events: ${this.#problems.join("; ")}`);
  }

  /** Resolves once `done(events)` holds; rejects after the timeout with what was seen. */
  until(what: string, done: (events: ProviderCallEvent[]) => boolean): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!done(this.events)) return;
        cleanup();
        resolve();
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`Expected ${what} within ${this.timeout} ms; got ${this.describe()}`));
      }, this.timeout);
      const cleanup = () => {
        clearTimeout(timer);
        this.#wake.delete(check);
      };
      this.#wake.add(check);
      check();
    });
  }
}

/**
 * An event as a check's message shows it: its type, and an end's reason.
 *
 * @internal
 */
export function describeEvent(event: ProviderCallEvent): string {
  if (typeof event !== "object" || event === null) return String(event);
  if (event.type === "ended") return `ended(${String(event.reason)})`;
  return String(event.type);
}

function shapeProblem(event: unknown): string | undefined {
  if (typeof event !== "object" || event === null) return `${String(event)} is not an event object`;
  const { type, reason, error } = event as { type?: unknown; reason?: unknown; error?: unknown };
  if (type === "ringing" || type === "answered") return undefined;
  const cause = (event as { cause?: unknown }).cause;
  if ((type === "ended" || type === "failed") && cause !== undefined && !isEndCause(cause)) {
    return `${type}.cause ${describeValue(cause)} is not an EndCause ({ protocol: 1-32 characters, code: an integer >= 0, text: a string of at most 200 })`;
  }
  if (type === "ended") {
    return (PROVIDER_END_REASONS as readonly unknown[]).includes(reason)
      ? undefined
      : `ended.reason ${JSON.stringify(reason)} is not one of ${PROVIDER_END_REASONS.join(", ")}`;
  }
  if (type === "failed") return error instanceof Error ? undefined : "failed.error should be an Error (the widget shows its message)";
  return `unknown event type ${JSON.stringify(type)}`;
}

function isEndCause(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const { protocol, code, text } = value as { protocol?: unknown; code?: unknown; text?: unknown };
  return (
    typeof protocol === "string" && protocol.length > 0 && protocol.length <= 32 &&
    Number.isSafeInteger(code) && (code as number) >= 0 &&
    typeof text === "string" && text.length <= 200
  );
}

function describeValue(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * The events that ended the call (`ended` or `failed`).
 *
 * @internal
 */
export const terminals = (events: ProviderCallEvent[]) => events.filter((event) => TERMINAL.has(event.type));

/**
 * How many of `events` are of `type`.
 *
 * @internal
 */
export const count = (events: ProviderCallEvent[], type: ProviderCallEvent["type"]) => events.filter((e) => e.type === type).length;
