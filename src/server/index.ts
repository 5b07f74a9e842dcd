// hubspot-calling-kit/server: call logging from the vendor's backend
// (Node >= 20, no DOM). Listed by name (STYLE.md #1). The rate limiter and the
// HTTP client behind the calls writer stay internal on purpose.

export type {
  CallsApiRequestOptions,
  CallsApiWriter,
  CallsApiWriterOptions,
} from "./callsApiWriter";
export { createCallsApiWriter } from "./callsApiWriter";
export { CALL_ASSOCIATION_TYPE_IDS } from "./callAssociationTypes";
export type { LegacyEngagementUpdate } from "./legacyEngagementToProperties";
export { legacyEngagementToProperties } from "./legacyEngagementToProperties";

export type {
  RelayErrorEvent,
  RelayHandlerOptions,
  RelayPrincipal,
  RelayWarning,
  RelayWriteContext,
} from "./relayHandlerOptions";
export type { RelayHandler } from "./relayHandler";
export { createRelayHandler } from "./relayHandler";
export type { IdempotencyClaim, IdempotencyStore } from "./idempotencyStore";
export type { MemoryIdempotencyOptions } from "./memoryIdempotencyStore";
export { memoryIdempotencyStore } from "./memoryIdempotencyStore";
export type { NodeListenerOptions, NodeRequestLike, NodeResponseLike } from "./toNodeListener";
export { toNodeListener } from "./toNodeListener";
export type { RateLimitGrant, RateLimitStore } from "./rateLimitStore";
export type { MemoryRateLimitOptions } from "./memoryRateLimitStore";
export { memoryRateLimitStore } from "./memoryRateLimitStore";
export type { RedisCommandSender, RedisRateLimitOptions } from "./redisRateLimitStore";
export { redisRateLimitStore } from "./redisRateLimitStore";
export type { ServerClock } from "./serverClock";
export { systemServerClock } from "./serverClock";

// The relay wire format, shared with the browser's relayWriter.
export type { RelayAcceptedBody, RelayErrorBody, RelayRecord } from "../engagements/relayRecord";
export { parseRelayRecord, RELAY_RECORD_VERSION } from "../engagements/relayRecord";
