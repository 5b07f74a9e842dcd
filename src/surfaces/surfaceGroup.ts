import type { Call } from "../client/call";
import { eventPayload } from "../client/eventPayload";
import { ProtocolError } from "../errors/protocolError";
import { safely } from "../internal/safely";
import { type CallingSnapshot, isCallActive } from "../machine/snapshot";
import { adoptTransition } from "./adoptTransition";
import type { SurfaceChannel } from "./coordinateSurfaces";
import { EVENT_ROUTES, type RelayedEventType, toWireEvent } from "./eventRelay";
import { MirrorEngine } from "./mirrorEngine";
import { ChannelOwnership, LockOwnership, type Ownership, usableLocks } from "./ownership";
import { freshest, SnapshotStore, type StoredState } from "./snapshotStore";
import type { SurfaceContext } from "./surfaceContext";
import { parseSurfaceMessage, SURFACE_PROTOCOL, type SurfaceBody } from "./surfaceProtocol";

/** A surface among the others of its HubSpot account (see {@link joinGroup}). @internal */
export interface SurfaceGroup {
  /** The mirror of the owner, while the surface does not hold calls (the surface drops it when it does). */
  mirror: MirrorEngine | null;
  /** Where the owner keeps its last state. */
  readonly store: SnapshotStore;
  /** The state stored when the surface joined. */
  readonly stored: StoredState | null;
  /** Posts to the other surfaces. */
  post(body: SurfaceBody): void;
  /** Joins the election of the owner (see `Ownership`). */
  elect(): Promise<void>;
  /** Releases what the surface holds (it is destroyed). */
  release(): void;
  /** The page is going away: from now on only goodbye is posted. */
  unload(): void;
  /** Leaves the election and the channel. */
  close(): void;
}

/**
 * Joins the other surfaces of the account on `channel`: stamps and posts
 * what the surface says, checks what it hears, elects the owner, and keeps
 * the surface's mirror of it until the surface holds calls itself. A mirror
 * that finds nobody holding calls while the last owner left one live ends
 * it on the owner's behalf. @internal
 */
export function joinGroup(context: SurfaceContext, channel: SurfaceChannel, channelName: string): SurfaceGroup {
  const { surfaceId: id, clock, logger, host } = context;
  const account = { portalId: host.portalId ?? null, userId: host.userId ?? null };
  const location = host.iframeLocation;
  const eligible = host.usesCallingWindow ? location === "window" : location === "remote";
  let ownership: Ownership | null = null;
  let unloading = false;

  const post = (body: SurfaceBody): void => {
    // A page going away says goodbye, nothing else.
    if (unloading && body.kind !== "bye") return;
    const { portalId, userId } = account;
    safely(
      () => channel.postMessage({ protocol: SURFACE_PROTOCOL, portalId, userId, from: id, body }),
      (error) => logger.error("Posting to the other surfaces failed", error),
    );
  };

  /** The freshest state this surface knows: its own as owner, else the stored or mirrored one. */
  const lastKnown = (): StoredState | null => {
    return context.owner()?.last ?? freshest(store.read(), group.mirror?.known ?? null);
  };

  /** A mirror that does not hold calls learns when nobody does. */
  const watchOwner = (): void => {
    ownership?.watch(() => {
      group.mirror?.ownerGone();
      void reportLost();
    });
  };

  /**
   * Nobody holds calls, and the last owner left a call live (or being
   * logged): this surface ends it on its behalf, once (whoever takes the
   * lock first; the others then find it ended).
   */
  const reportLost = async (): Promise<void> => {
    const taking = ownership;
    const unfinished = (state: StoredState | null) =>
      state?.snapshot.call && (isCallActive(state.snapshot.call) || state.snapshot.call.status === "wrappingUp");
    if (!taking || !unfinished(lastKnown())) return;
    await taking.tryTake((collected) => {
      const state = freshest(lastKnown(), collected);
      const mirror = group.mirror;
      if (state && mirror && unfinished(state) && !context.destroyed()) {
        const [next, effects] = adoptTransition(context.base(), { from: state.snapshot, at: clock.now() });
        const seq = state.seq + 1;
        store.write({ seq, snapshot: next });
        post({ kind: "state", seq, snapshot: next, owner: false });
        mirror.adopted(seq, next);
        for (const effect of effects) {
          if (effect.type === "send") context.send(effect.message);
          if (effect.type !== "emit") continue;
          const { type, payload } = eventPayload(effect.notice, () => mirror.getCall() as Call, (id) => mirror.errorOf(id));
          context.emit(type, payload);
          if (EVENT_ROUTES[type] === "relayed") post({ kind: "event", event: toWireEvent(type as RelayedEventType, payload as never) });
        }
      }
      taking.release();
    });
  };

  const fromChannel = (raw: unknown): void => {
    if (context.destroyed()) return;
    const parsed = parseSurfaceMessage(raw, account);
    if (parsed === null) return;
    if ("reason" in parsed) {
      if (parsed.reason === "otherAccount") {
        context.emit("securityWarning", { reason: "otherAccount", origin: globalThis.location?.origin ?? "", messageType: undefined, count: 1 });
      } else {
        context.emit("protocolError", { error: new ProtocolError(raw, parsed.issues.map((issue) => `from another surface: ${issue}`)) });
      }
      return;
    }
    if (parsed.from === id) return;
    ownership?.handle(parsed.from, parsed.body);
    const hub = context.owner()?.hub;
    if (hub) return hub.handle(parsed.from, parsed.body);
    const mirror = group.mirror;
    if (!mirror) return;
    mirror.handle(parsed.from, parsed.body);
    if (mirror.ownerPresent) context.initializeOnce({ seq: mirror.last.seq, snapshot: mirror.last.snapshot as CallingSnapshot });
    // An owner this mirror counted gone is there after all (a late heartbeat): ask for its state.
    if (parsed.body.kind === "alive" && !mirror.ownerPresent) mirror.start();
    // An owner (back) on the channel: watch it again.
    if (parsed.body.kind === "state" && !eligible) watchOwner();
  };

  channel.addEventListener("message", (event) => fromChannel(event.data));
  const store = new SnapshotStore(context.storage(), `${channelName}:last`, (message) => logger.warn(message));
  const stored = store.read();
  const group: SurfaceGroup = {
    mirror: null,
    store,
    stored,
    post,
    /**
     * Joins the election of the owner: on Web Locks where the browser lets the
     * iframe use them, else over the channel (third-party storage blocked).
     */
    async elect() {
      const locks = context.locks();
      const onError = (error: unknown) => {
        logger.error("Taking over the calls failed", error);
        context.warn("listenerError", `Taking over the calls failed: ${String(error)}`);
      };
      const useLocks = locks !== null && (await usableLocks(locks, channelName));
      if (context.destroyed()) return;
      ownership = useLocks
        ? new LockOwnership(locks, `${channelName}:owner`, onError)
        : new ChannelOwnership({ id, post, clock, timings: context.timings, last: lastKnown, onError });
      group.mirror?.start();
      if (eligible) ownership.compete((collected) => context.becomeOwner(freshest(store.read(), collected)));
      else watchOwner();
    },
    release: () => ownership?.release(),
    unload() {
      unloading = true;
    },
    close() {
      ownership?.stop();
      safely(() => channel.close());
    },
  };
  group.mirror = new MirrorEngine(
    { ...context, post, changed: () => group.mirror && context.changed(group.mirror.snapshot) },
    stored?.snapshot ?? null,
    context.base().session.visibility,
  );
  return group;
}
