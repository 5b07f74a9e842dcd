import type { RateLimitGrant, RateLimitStore } from "./rateLimitStore";

/**
 * The one thing {@link redisRateLimitStore} needs from a Redis client: send a
 * command as an array of strings and resolve with Redis's reply. Adapt the
 * client you already use:
 *
 * @example
 * ```ts
 * // node-redis (redis, @redis/client):
 * const redis: RedisCommandSender = { sendCommand: (args) => client.sendCommand(args) };
 * // ioredis:
 * const viaIoredis: RedisCommandSender = { sendCommand: ([command, ...rest]) => ioredis.call(command!, ...rest) };
 * ```
 */
export interface RedisCommandSender {
  /** Sends `args` (command name first) and resolves with the reply. */
  sendCommand(args: string[]): Promise<unknown>;
}

/**
 * Options of {@link redisRateLimitStore}.
 *
 * @example
 * ```ts
 * redisRateLimitStore({ redis, prefix: "acme:hubspot-rate:" });
 * ```
 */
export interface RedisRateLimitOptions {
  /** A connected client (see {@link RedisCommandSender}). */
  redis: RedisCommandSender;
  /** Prefix of the keys this store writes (default `hubspot-calling-kit:rate:`). */
  prefix?: string;
}

// Each script runs atomically in Redis and reads Redis's own clock (TIME), so
// relays on several machines share one timeline whatever their clocks say.
const NOW = `local t = redis.call('TIME') local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

// KEYS: slots (sorted set: slot -> counts until), budget (hash: left, until).
// ARGV: max, windowMs, leaseMs, slot id.
const ACQUIRE = `${NOW}
local max, window, lease = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local b = redis.call('HMGET', KEYS[2], 'left', 'until')
local left, untilMs = tonumber(b[1]), tonumber(b[2])
local budget = untilMs ~= nil and untilMs > now and left ~= nil
if budget and left <= 0 then return {0, untilMs - now} end
if redis.call('ZCARD', KEYS[1]) >= max then
  local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return {0, math.max(1, tonumber(first[2]) + window - now)}
end
redis.call('ZADD', KEYS[1], now + lease, ARGV[4])
redis.call('PEXPIRE', KEYS[1], lease + window)
if budget then redis.call('HINCRBY', KEYS[2], 'left', -1) end
return {1, 0}`;

// ARGV: slot id. A released slot counts until now (+ the window, on acquire).
const RELEASE = `${NOW}
local held = redis.call('ZSCORE', KEYS[1], ARGV[1])
if held and tonumber(held) > now then redis.call('ZADD', KEYS[1], 'XX', now, ARGV[1]) end
return 1`;

// ARGV: remaining, intervalMs, slot id (may be empty).
const OBSERVE = `${NOW}
local remaining, interval = tonumber(ARGV[1]), tonumber(ARGV[2])
local others = redis.call('ZCOUNT', KEYS[1], '(' .. now, '+inf')
if ARGV[3] ~= '' and redis.call('ZSCORE', KEYS[1], ARGV[3]) then
  local mine = tonumber(redis.call('ZSCORE', KEYS[1], ARGV[3]))
  if mine > now then others = others - 1 end
end
local b = redis.call('HMGET', KEYS[2], 'left', 'until')
if tonumber(b[1]) == 0 and tonumber(b[2]) ~= nil and tonumber(b[2]) > now + interval then return 0 end
redis.call('HSET', KEYS[2], 'left', math.max(0, remaining - others), 'until', now + interval)
redis.call('PEXPIRE', KEYS[2], interval)
return 1`;

/**
 * A {@link RateLimitStore} in Redis: every relay process and instance that
 * points at the same Redis (and `key`) counts against one window, across
 * restarts. Three small Lua scripts keep each step atomic; Redis's own
 * clock times the window. Bring your own client (see
 * {@link RedisCommandSender}): the library adds no dependency. A failing
 * Redis fails the request with the client's error (the relay answers 503 and
 * the browser retries later): requests are never sent uncounted.
 *
 * @example
 * ```ts
 * import { createClient } from "redis";
 * const client = await createClient({ url: process.env.REDIS_URL }).connect();
 * const store = redisRateLimitStore({ redis: { sendCommand: (args) => client.sendCommand(args) } });
 * const writer = createCallsApiWriter({ accessToken, rateLimit: { store, key: "portal:123" } });
 * ```
 */
export function redisRateLimitStore(options: RedisRateLimitOptions): RateLimitStore {
  const { redis } = options;
  const prefix = options.prefix ?? "hubspot-calling-kit:rate:";
  const keys = (key: string) => [`${prefix}${key}:slots`, `${prefix}${key}:budget`];
  const run = (script: string, key: string, args: (string | number)[]) =>
    redis.sendCommand(["EVAL", script, "2", ...keys(key), ...args.map(String)]);

  return {
    async acquire({ key, max, windowMs, leaseMs }): Promise<RateLimitGrant> {
      const slot = globalThis.crypto.randomUUID();
      const reply = (await run(ACQUIRE, key, [max, windowMs, leaseMs, slot])) as [number, number];
      return Number(reply[0]) === 1 ? { granted: true, slot } : { granted: false, retryInMs: Number(reply[1]) };
    },
    async release({ key, slot }) {
      await run(RELEASE, key, [slot]);
    },
    async observe({ key, remaining, intervalMs, slot }) {
      await run(OBSERVE, key, [Math.max(0, Math.floor(remaining)), Math.max(1, Math.ceil(intervalMs)), slot ?? ""]);
    },
  };
}
