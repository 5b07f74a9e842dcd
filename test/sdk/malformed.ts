// Generators of malformed HubSpot messages, shared by the unit fuzz test and
// the Chromium fuzz test through the real transport.
import fc from "fast-check";
import { INBOUND_MESSAGE_TYPES } from "../../src/index";
import { parseInboundMessage } from "../../src/sdk/parseInboundMessage";

const type = fc.constantFrom(...INBOUND_MESSAGE_TYPES);
const wrong = fc.oneof(
  fc.constant(null),
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.array(fc.anything(), { maxLength: 3 }),
  fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 4 }),
);

/** A message with a real type whose payload has a wrong or missing field. */
const wrongPayload = fc.record({
  type,
  messageId: fc.oneof(fc.string({ minLength: 1 }), fc.integer()),
  data: fc.oneof(
    wrong,
    fc.record({
      phoneNumber: wrong,
      engagementId: wrong,
      isMinimized: wrong,
      isHidden: wrong,
      callerIdMatches: wrong,
      calleeInfo: wrong,
    }, { requiredKeys: [] }),
  ),
});

/** Envelopes that are wrong: no messageId, a non-string type, an unknown type. */
const wrongEnvelope = fc.oneof(
  fc.record({ type, data: fc.jsonValue() }),
  fc.record({ type: wrong, messageId: fc.string(), data: fc.jsonValue() }),
  fc.record({ type: fc.string().filter((t) => !(INBOUND_MESSAGE_TYPES as readonly string[]).includes(t)), messageId: fc.string() }),
);

/** Anything JSON can carry, including non-objects. */
const anything = fc.jsonValue();

export const malformedMessage = fc
  .oneof(wrongPayload, wrongEnvelope, anything)
  .filter((message) => !parseInboundMessage(message).ok);

/** `count` JSON-serialisable malformed messages, deterministic for a seed. */
export function sampleMalformed(count: number, seed = 20261125): unknown[] {
  return fc.sample(malformedMessage, { numRuns: count, seed });
}
