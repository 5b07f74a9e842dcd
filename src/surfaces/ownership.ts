import type { Clock } from "../internal/clock";
import type { StoredState } from "./snapshotStore";
import type { SurfaceBody } from "./surfaceProtocol";

/**
 * The part of the Web Locks API (`navigator.locks`) the coordinator uses to
 * decide which instance holds calls. A lock is released when the callback's
 * promise settles, or by the browser when the page that holds it goes away
 * (a closed window, a reload): that is what makes ownership safe to hand
 * over. `createMemoryLocks()` from `hubspot-calling-kit/testing` implements
 * it in memory for tests. Where a browser refuses Web Locks to the widget's
 * iframe (third-party storage blocked), the coordinator elects the owner
 * over its channel instead.
 *
 * @example
 * ```ts
 * const locks: SurfaceLocks = navigator.locks;
 * await locks.request("my-lock", { ifAvailable: true }, async (lock) => {
 *   if (lock) console.log("held until this callback's promise settles");
 * });
 * ```
 */
export interface SurfaceLocks {
  /** Requests a lock: `callback` runs once granted (with `null` when `ifAvailable` could not have it at once). */
  request(
    name: string,
    options: { mode?: "exclusive" | "shared"; ifAvailable?: boolean; signal?: AbortSignal },
    callback: (lock: unknown) => unknown,
  ): Promise<unknown>;
}

/** `navigator.locks`, when the page has it (secure contexts: https, localhost). @internal */
export function defaultLocks(): SurfaceLocks | null {
  return (globalThis as { navigator?: { locks?: SurfaceLocks } }).navigator?.locks ?? null;
}

/** Whether the page may use `locks` (a third-party iframe with storage blocked gets `SecurityError`). @internal */
export async function usableLocks(locks: SurfaceLocks, name: string): Promise<boolean> {
  try {
    await locks.request(`${name}:probe`, { ifAvailable: true }, () => undefined);
    return true;
  } catch {
    return false;
  }
}

/**
 * Who holds the calls (one surface at a time) @internal:
 *
 * - `compete()` waits to hold them (the surfaces that should); `granted`
 *   runs once this surface does, with the freshest state the others knew
 *   when they know more than the store;
 * - `watch()` learns once nobody holds them and nobody is about to;
 * - `tryTake()` holds them briefly, only if nobody does (to report a call
 *   the last owner lost); the caller then `release()`s;
 * - `handle()` hears the channel (the channel-based election needs it).
 */
export interface Ownership {
  readonly held: boolean;
  compete(granted: (collected: StoredState | null) => void): void;
  tryTake(granted: (collected: StoredState | null) => void): Promise<boolean>;
  watch(gone: () => void): void;
  release(): void;
  stop(): void;
  handle(from: string, body: SurfaceBody): void;
}

/** Calls `fn`, reporting what it throws. */
function guarded(fn: () => void, onError: (error: unknown) => void): boolean {
  try {
    fn();
    return true;
  } catch (error) {
    onError(error);
    return false;
  }
}

/**
 * Ownership on one exclusive Web Lock: queued candidates get it in turn; a
 * shared request, granted only when nobody holds or waits, is the watch.
 * The browser releases a lock whose page went away, however it went. @internal
 */
export class LockOwnership implements Ownership {
  #locks: SurfaceLocks;
  #name: string;
  #onError: (error: unknown) => void;
  #stop = new AbortController();
  #release: (() => void) | null = null;
  #watching = false;

  constructor(locks: SurfaceLocks, name: string, onError: (error: unknown) => void) {
    this.#locks = locks;
    this.#name = name;
    this.#onError = onError;
  }

  get held(): boolean {
    return this.#release !== null;
  }

  compete(granted: (collected: StoredState | null) => void): void {
    void this.#hold({ signal: this.#stop.signal }, granted);
  }

  tryTake(granted: (collected: StoredState | null) => void): Promise<boolean> {
    return this.#hold({ ifAvailable: true }, granted);
  }

  watch(gone: () => void): void {
    if (this.#watching || this.#stop.signal.aborted) return;
    this.#watching = true;
    let granted = false;
    this.#locks
      // Released at once (the callback returns): a shared hold would keep the next owner out.
      .request(this.#name, { mode: "shared", signal: this.#stop.signal }, () => void (granted = true))
      .then(
        () => {
          this.#watching = false;
          // Told once the shared lock is released, so that `gone` may take the lock itself.
          if (granted && !this.#stop.signal.aborted) guarded(gone, this.#onError);
        },
        () => {
          this.#watching = false;
        },
      );
  }

  release(): void {
    const release = this.#release;
    this.#release = null;
    release?.();
  }

  stop(): void {
    this.#stop.abort();
    this.release();
  }

  handle(): void {}

  #hold(options: { signal?: AbortSignal; ifAvailable?: boolean }, granted: (collected: null) => void): Promise<boolean> {
    return new Promise<boolean>((answer) => {
      this.#locks
        .request(this.#name, { mode: "exclusive", ...options }, (lock) => {
          if (!lock || this.#stop.signal.aborted) return answer(false);
          answer(true);
          // Held until release(): the lock lives as long as this promise is pending.
          return new Promise<void>((resolve) => {
            this.#release = resolve;
            // Taking over failed: the lock goes to the next candidate.
            if (!guarded(() => granted(null), this.#onError)) this.release();
          });
        })
        .catch(() => answer(false));
    });
  }
}

/** Timings of the channel-based election, from the heartbeat. @internal */
export interface ElectionTimings {
  /** How often the owner says it is there. */
  heartbeat: number;
  /** How long a claim waits for a better one (and for an owner's answer). */
  claimWindow: number;
  /** How long without a word from the owner before it counts as gone. */
  lossTimeout: number;
}

type Claim = {
  purpose: "owner" | "report";
  collected: StoredState | null;
  timer: unknown;
  settle: (won: boolean) => void;
};

/**
 * Ownership elected over the channel, for browsers that refuse Web Locks to
 * the widget's iframe: a candidate claims, waits a moment for a better
 * claim (lower rank: the older surface) or an owner's answer, and holds the
 * calls if none came; the owner says it is there every heartbeat and says
 * goodbye when it goes; the others count it gone after `lossTimeout`
 * without a word. Claims are answered with the last state each surface
 * knows, so a new owner takes over the freshest one even without storage.
 * @internal
 */
export class ChannelOwnership implements Ownership {
  #id: string;
  #rank: number;
  #post: (body: SurfaceBody) => void;
  #clock: Clock;
  #timings: ElectionTimings;
  #last: () => StoredState | null;
  #onError: (error: unknown) => void;
  #held = false;
  #ownerId: string | null = null;
  #lossTimer: unknown;
  #heartbeat: unknown;
  #claim: Claim | null = null;
  #candidate: ((collected: StoredState | null) => void) | null = null;
  #watcher: (() => void) | null = null;
  #stopped = false;

  constructor(context: {
    id: string;
    post(body: SurfaceBody): void;
    clock: Clock;
    timings: ElectionTimings;
    /** The last state this surface knows, to answer claims with. */
    last(): StoredState | null;
    onError(error: unknown): void;
  }) {
    this.#id = context.id;
    this.#rank = context.clock.now();
    this.#post = context.post;
    this.#clock = context.clock;
    this.#timings = context.timings;
    this.#last = context.last;
    this.#onError = context.onError;
    // Until an owner speaks, assume none: give one a claim window to answer the hello.
    this.#lossTimer = this.#clock.setTimeout(() => this.#lost(), this.#timings.claimWindow);
  }

  get held(): boolean {
    return this.#held;
  }

  compete(granted: (collected: StoredState | null) => void): void {
    this.#candidate = granted;
    if (this.#ownerId === null && !this.#lossTimer) void this.#claimFor("owner");
  }

  async tryTake(granted: (collected: StoredState | null) => void): Promise<boolean> {
    if (this.#ownerId !== null || this.#claim) return false;
    const claim = await this.#claimFor("report");
    if (!claim.won) return false;
    this.#held = true;
    if (!guarded(() => granted(claim.collected), this.#onError)) this.release();
    return true;
  }

  watch(gone: () => void): void {
    this.#watcher = gone;
  }

  release(): void {
    if (!this.#held) return;
    this.#held = false;
    if (this.#ownerId === this.#id) {
      this.#ownerId = null;
      this.#clock.clearTimeout(this.#heartbeat);
      this.#post({ kind: "bye" });
    }
  }

  stop(): void {
    this.release();
    this.#stopped = true;
    this.#candidate = null;
    this.#watcher = null;
    this.#clock.clearTimeout(this.#lossTimer);
    if (this.#claim) this.#claim.settle(false);
  }

  handle(from: string, body: SurfaceBody): void {
    if (this.#stopped) return;
    switch (body.kind) {
      case "alive":
        return this.#ownerSeen(from);
      case "state":
        if (body.owner) this.#ownerSeen(from);
        return;
      case "bye":
        if (from === this.#ownerId) this.#lost();
        return;
      case "claim":
        // The owner answers any claim: it is there (a mirror that thought it gone must not report its call).
        if (this.#ownerId === this.#id) return this.#post({ kind: "alive" });
        // A claim to hold calls beats a claim to report a lost one (the new owner reports it);
        // between claims of one purpose the lower rank wins.
        if (
          this.#claim &&
          ((this.#claim.purpose === "report" && body.purpose === "owner") ||
            (this.#claim.purpose === body.purpose && (body.rank < this.#rank || (body.rank === this.#rank && from < this.#id))))
        ) {
          this.#claim.settle(false);
        }
        {
          const last = this.#last();
          this.#post({ kind: "last", to: from, seq: last?.seq ?? -1, snapshot: last?.snapshot ?? null });
        }
        return;
      case "last":
        if (body.to === this.#id && this.#claim && body.snapshot && body.seq > (this.#claim.collected?.seq ?? -1)) {
          this.#claim.collected = { seq: body.seq, snapshot: body.snapshot };
        }
        return;
      default:
        return;
    }
  }

  #ownerSeen(from: string): void {
    if (from === this.#id) return;
    this.#ownerId = from;
    this.#clock.clearTimeout(this.#lossTimer);
    this.#lossTimer = this.#clock.setTimeout(() => this.#lost(), this.#timings.lossTimeout);
    // An owner is there: no claim to hold calls goes on.
    if (this.#claim?.purpose === "owner") this.#claim.settle(false);
  }

  #lost(): void {
    // Also when called for a goodbye: the timer of the last word must not fire later.
    this.#clock.clearTimeout(this.#lossTimer);
    this.#lossTimer = undefined;
    if (this.#ownerId === this.#id) return;
    this.#ownerId = null;
    if (this.#candidate) {
      void this.#claimFor("owner");
    } else if (this.#watcher) {
      const gone = this.#watcher;
      guarded(gone, this.#onError);
    }
  }

  #claimFor(purpose: "owner" | "report"): Promise<{ won: boolean; collected: StoredState | null }> {
    if (this.#claim) return Promise.resolve({ won: false, collected: null });
    return new Promise((resolve) => {
      const claim: Claim = {
        purpose,
        collected: null,
        timer: undefined,
        settle: (won) => {
          if (this.#claim !== claim) return;
          this.#claim = null;
          this.#clock.clearTimeout(claim.timer);
          resolve({ won, collected: claim.collected });
          if (purpose !== "owner") return;
          if (won) this.#becomeOwner(claim.collected);
          // Beaten by a better claim: wait for that owner; if it never speaks, claim again.
          else if (this.#ownerId === null && !this.#stopped) this.#lossTimer = this.#clock.setTimeout(() => this.#lost(), this.#timings.lossTimeout);
        },
      };
      this.#claim = claim;
      claim.timer = this.#clock.setTimeout(() => claim.settle(!this.#stopped && this.#ownerId === null), this.#timings.claimWindow);
      this.#post({ kind: "claim", purpose, rank: this.#rank });
    });
  }

  #becomeOwner(collected: StoredState | null): void {
    const granted = this.#candidate;
    if (!granted || this.#stopped) return;
    this.#held = true;
    this.#ownerId = this.#id;
    const beat = () => {
      this.#post({ kind: "alive" });
      this.#heartbeat = this.#clock.setTimeout(beat, this.#timings.heartbeat);
    };
    this.#heartbeat = this.#clock.setTimeout(beat, this.#timings.heartbeat);
    if (!guarded(() => granted(collected), this.#onError)) this.release();
  }
}
