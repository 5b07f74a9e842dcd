// DIAL_NUMBER and message ids as HubSpot really sends them, through a client
// on the memory transport (which validates exactly as the real one does).
import { describe, expect, it } from "vitest";
import type { CallingEvents } from "../../src/index";
import { ISSUE_216, ISSUE_228 } from "../sdk/dialNumberIssues";
import { settle, setup } from "./setup";

const payloadOf = <K extends keyof CallingEvents>(events: { type: string; payload: unknown }[], type: K) =>
  events.filter((event) => event.type === type).map((event) => event.payload as CallingEvents[K]);

describe("a client fed DIAL_NUMBER as HubSpot sends it", () => {
  const cases = [
    ["216", ISSUE_216, "+919876543210", { objectId: 120_513_766, objectTypeId: "0-1" }],
    ["228", ISSUE_228, "+380961234567", { objectId: 37_621_684_164, objectTypeId: "0-1" }],
  ] as const;
  for (const [issue, data, phoneNumber, callee] of cases) {
    it(`asks to dial the number and the callee of SDK issue ${issue}'s payload (threadId 0)`, async () => {
      const { host, client, events } = await setup();
      host.sendRaw({ type: "DIAL_NUMBER", messageId: "hs_1", data });
      await settle();
      const [dial] = payloadOf(events, "dialRequested");
      expect(dial?.request).toMatchObject({ phoneNumber, callee, payload: data });
      expect(client.getSnapshot().dialRequest).toMatchObject({ phoneNumber, callee });
      expect(payloadOf(events, "protocolError")).toEqual([]);
      client.destroy();
    });
  }

  it("asks to dial despite optional fields of the wrong kind, which it converts or leaves out", async () => {
    const { host, client, events } = await setup();
    host.sendRaw({
      type: "DIAL_NUMBER",
      messageId: 42,
      data: {
        phoneNumber: "",
        phone_number: "+16175550100",
        calleeInfo: { calleeId: "3000000101", calleeObjectTypeId: "0-1" },
        startTimestamp: "1723291227334",
        objectType: null,
        threadId: { id: 1 },
        subjectId: "n/a",
      },
    });
    await settle();
    const [dial] = payloadOf(events, "dialRequested");
    expect(dial?.request).toMatchObject({
      phoneNumber: "+16175550100",
      callee: { objectId: 3_000_000_101, objectTypeId: "0-1" },
      payload: {
        phone_number: "+16175550100",
        calleeInfo: { calleeId: 3_000_000_101, calleeObjectTypeId: "0-1" },
        startTimestamp: 1_723_291_227_334,
      },
    });
    expect(Object.keys(dial?.request.payload ?? {}).sort()).toEqual(["calleeInfo", "phone_number", "startTimestamp"]);
    client.destroy();
  });
});

describe("a client fed messages whose messageId the SDK would drop", () => {
  it('reports messageId "" and 0 as protocol errors and acts on neither', async () => {
    const { host, client, events, eventTypes } = await setup();
    host.sendRaw({ type: "DIAL_NUMBER", messageId: "", data: { phoneNumber: "+16175550100" } });
    host.sendRaw({ type: "DIAL_NUMBER", messageId: 0, data: { phoneNumber: "+16175550100" } });
    await settle();
    expect(eventTypes()).not.toContain("dialRequested");
    expect(client.getSnapshot().dialRequest).toBeNull();
    expect(payloadOf(events, "protocolError").map(({ error }) => [error.code, error.issues])).toEqual([
      ["PROTOCOL_ERROR", ["messageId: required, a non-empty string or a non-zero number"]],
      ["PROTOCOL_ERROR", ["messageId: required, a non-empty string or a non-zero number"]],
    ]);
    client.destroy();
  });
});
