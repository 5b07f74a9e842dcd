// Type tests of hubspot-calling-kit/react: what infers, and what must not compile.
import { createElement } from "react";
import { describe, expectTypeOf, it } from "vitest";
import type {
  Call,
  CallingClient,
  CallingClientOptions,
  CallingError,
  CallingSnapshot,
  CallSnapshot,
  CompleteResult,
  DialRequest,
  EndStatus,
  SessionStatus,
} from "../../src/index";
import {
  CallingProvider,
  type CallingProviderProps,
  shallowEqual,
  type UseCallResult,
  useCall,
  useCallingClient,
  useCallingEvent,
  useCallingSnapshot,
} from "../../src/react/index";

declare const client: CallingClient;
declare const options: CallingClientOptions;

describe("hooks", () => {
  it("infer the selected type, or the whole snapshot without a selector", () => {
    expectTypeOf(useCallingSnapshot()).toEqualTypeOf<CallingSnapshot>();
    expectTypeOf(useCallingSnapshot((snapshot) => snapshot.session.status)).toEqualTypeOf<SessionStatus>();
    expectTypeOf(useCallingSnapshot((snapshot) => snapshot.call)).toEqualTypeOf<CallSnapshot | null>();
    const picked = useCallingSnapshot((snapshot) => ({ available: snapshot.session.available }), shallowEqual);
    expectTypeOf(picked).toEqualTypeOf<{ available: boolean }>();
    expectTypeOf(useCallingClient()).toEqualTypeOf<CallingClient>();
  });

  it("refuses an equality function of another type, and an equality function without a selector", () => {
    // @ts-expect-error: compares numbers, but the selector returns a status
    useCallingSnapshot((snapshot) => snapshot.session.status, (a: number, b: number) => a === b);
    // @ts-expect-error: no selector, so no equality function either
    useCallingSnapshot(undefined, shallowEqual);
  });

  it("type useCall's call, handle and commands", () => {
    const result = useCall();
    expectTypeOf(result).toEqualTypeOf<UseCallResult>();
    expectTypeOf(result.call).toEqualTypeOf<CallSnapshot | null>();
    expectTypeOf(result.handle).toEqualTypeOf<Call | null>();
    expectTypeOf(result.complete).returns.toEqualTypeOf<Promise<CompleteResult>>();
    expectTypeOf(result.mute).parameters.toEqualTypeOf<[muted: boolean]>();
    expectTypeOf(result.discard).toEqualTypeOf<() => Promise<void>>();
    // @ts-expect-error: mute needs a boolean
    void result.mute();
    // @ts-expect-error: the result is read-only
    result.hangUp = async () => {};
  });

  it("infer event payloads from the event name and refuse unknown events", () => {
    useCallingEvent("callEnded", ({ endStatus, error }) => {
      expectTypeOf(endStatus).toEqualTypeOf<EndStatus>();
      expectTypeOf(error).toEqualTypeOf<CallingError | null>();
    });
    useCallingEvent("dialRequested", ({ request }) => expectTypeOf(request).toEqualTypeOf<DialRequest>());
    // @ts-expect-error: no such event
    useCallingEvent("callFinished", () => {});
    // @ts-expect-error: callEnded has no `reason`
    useCallingEvent("callEnded", ({ reason }) => reason);
  });
});

describe("CallingProvider", () => {
  it("takes a client or options, not both and not neither", () => {
    createElement(CallingProvider, { client });
    createElement(CallingProvider, { options });
    const both = { client, options };
    // @ts-expect-error: client and options together
    const bad: CallingProviderProps = both;
    // @ts-expect-error: one of client or options is required
    const none: CallingProviderProps = {};
    expectTypeOf([bad, none]).toBeArray();
  });
});
