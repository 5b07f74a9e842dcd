// The parts of hubspot-calling-kit/sip that need no browser: option
// validation, number -> SIP URI mapping, SIP status -> end reason, errors.
// Calls, media and the server are tested in Chromium (test/e2e/sip).
import { describe, expect, it } from "vitest";
import { isCallingError, ProviderError, ValidationError } from "../../src/index";
import {
  createSipProvider,
  endReasonOf,
  isSipError,
  SIP_END_REASONS,
  sipCause,
  SipError,
  sipTargetOf,
} from "../../src/sip/index";

const valid = { server: "wss://sip.example.com/ws", uri: "sip:alice@example.com" };

describe("createSipProvider options", () => {
  it("lists every problem of invalid options in one ValidationError", () => {
    let thrown: unknown;
    try {
      createSipProvider({
        server: "https://sip.example.com",
        uri: "alice",
        credentials: { username: "", password: "x" },
        ringTimeoutMs: -1,
        dtmf: "loud" as "auto",
        reconnect: { attempts: 1.5 },
      });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as ValidationError).issues.map((issue) => issue.path)).toEqual([
      "server",
      "uri",
      "credentials",
      "ringTimeoutMs",
      "dtmf",
      "reconnect.attempts",
    ]);
  });

  it("refuses ws:// to another machine (credentials and audio in the clear) but allows it on loopback", () => {
    expect(() => createSipProvider({ ...valid, server: "ws://sip.example.com/ws" })).toThrow(/wss:/);
    expect(createSipProvider({ ...valid, server: "ws://127.0.0.1:5066" }).getSnapshot().status).toBe("stopped");
  });

  it("connects nothing until start(), and dial() before start() rejects NOT_STARTED", async () => {
    const provider = createSipProvider(valid);
    expect(provider.getSnapshot()).toEqual({ status: "stopped", error: undefined, reconnectAttempt: 0, activeCalls: 0 });
    const dialing = provider.dial({ to: "+16175550100", externalCallId: "x", signal: new AbortController().signal });
    await expect(dialing).rejects.toSatisfy((error) => isSipError(error, "NOT_STARTED"));
  });

  it("dial() with an aborted signal rejects with AbortError", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(createSipProvider(valid).dial({ to: "+16175550100", externalCallId: "x", signal: controller.signal })).rejects.toSatisfy(
      (error) => isCallingError(error, "ABORTED"),
    );
  });

  it("listCallerNumbers() returns a copy of the callerNumbers option", async () => {
    const numbers = ["+16175550199"];
    const listed = await createSipProvider({ ...valid, callerNumbers: numbers }).listCallerNumbers();
    expect(listed).toEqual(numbers);
    expect(listed).not.toBe(numbers);
  });
});

describe("sipTargetOf", () => {
  it("strips a phone number's formatting", () => {
    expect(sipTargetOf(" +1 (617) 555-0100 ", "example.com")).toBe("sip:+16175550100@example.com");
    expect(sipTargetOf("617.555.0100", "example.com")).toBe("sip:6175550100@example.com");
    expect(sipTargetOf("alice", "example.com")).toBe("sip:alice@example.com");
  });

  it.each(["sip:bob@evil.example", "bob@evil.example", "1;transport=tcp", "+1 617\r\nVia: x", "", "+", "alice bob"])(
    "refuses %j: a number must not choose where the call goes",
    (to) => {
      expect(() => sipTargetOf(to, "example.com")).toThrow(ValidationError);
    },
  );
});

describe("SIP status codes", () => {
  it("maps busy, no answer, decline and canceled; everything else fails the call", () => {
    expect(SIP_END_REASONS).toEqual({ 408: "noAnswer", 480: "noAnswer", 486: "busy", 487: "canceled", 600: "busy", 603: "rejected" });
    for (const code of [400, 403, 404, 500, 503, 604]) expect(endReasonOf(code)).toBeUndefined();
  });

  it("keeps the reason phrase within the 200 characters an EndCause allows", () => {
    expect(sipCause(486, "Busy Here")).toEqual({ protocol: "SIP", code: 486, text: "Busy Here" });
    expect(sipCause(500, "x".repeat(300)).text).toHaveLength(200);
    expect(sipCause(500, undefined).text).toBe("");
  });
});

describe("SipError", () => {
  it("is a ProviderError with a reason and the SIP cause, recognised across realms by name", () => {
    const error = new SipError("REGISTRATION_FAILED", "refused", { sipCause: sipCause(403, "Forbidden") });
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.code).toBe("PROVIDER_ERROR");
    expect(isSipError(error, "REGISTRATION_FAILED")).toBe(true);
    expect(isSipError(error, "CONNECTION_LOST")).toBe(false);
    expect(isSipError({ name: "SipError", reason: "CALL_FAILED", message: "from another frame" })).toBe(true);
    expect(isSipError({ name: "SipError", reason: "nonsense" })).toBe(false);
    expect(error.sipCause).toEqual({ protocol: "SIP", code: 403, text: "Forbidden" });
  });
});
