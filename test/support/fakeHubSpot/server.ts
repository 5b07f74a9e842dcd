// A local stand-in for HubSpot's HTTP APIs, built on real node:http on
// loopback. Route modules (calls, settings, ...) plug into it; this file only
// knows about HTTP, HubSpot's error bodies, auth and fault injection.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  /** Parsed JSON body, or undefined when there was none or it was not JSON. */
  body: unknown;
  rawBody: string;
  /** Milliseconds since the server started. */
  at: number;
  /** The fault the server applied to this request, if any. */
  fault?: Fault;
}

export interface FakeResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Route {
  method: string;
  /** A path with `:name` segments, e.g. `/crm/v3/objects/calls/:id`. */
  path: string;
  handle(
    request: FakeRequest,
    params: Record<string, string>,
  ): FakeResponse | Promise<FakeResponse>;
}

/** A fault the server applies to the next matching requests. */
export type Fault =
  | { kind: "429"; policyName?: "TEN_SECONDLY_ROLLING" | "DAILY"; retryAfterSeconds?: number }
  | { kind: "500" }
  | { kind: "502" }
  | { kind: "drop" }
  /** The route runs (its effect happens), then the connection is cut: the answer is lost. */
  | { kind: "dropAfterHandling" }
  /** Waits, then handles the request. */
  | { kind: "slow"; delayMs: number }
  /** The route runs at once (its effect happens); the answer comes `delayMs` later. */
  | { kind: "slowAnswer"; delayMs: number }
  /** Never answers (the connection is cut when the server closes). */
  | { kind: "hang" };

export interface FakeHubSpotOptions {
  routes: Route[];
  /** Accepted `hapikey` values (developer API keys). */
  apiKeys?: string[];
  /** Accepted bearer tokens (OAuth or private app tokens). */
  accessTokens?: string[];
  /** Rate limit per rolling window (0 = unlimited); every answer then carries the X-HubSpot-RateLimit-* headers. */
  tenSecondlyLimit?: number;
  /** Length of that rolling window (default 10,000 ms, HubSpot's); tests shorten it to run fast. */
  windowMs?: number;
  /** Probability in [0, 1] that a request gets a random fault from `randomFaults`. */
  faultRate?: number;
  randomFaults?: Fault[];
  /** Which requests random faults may hit (default: all). */
  faultsApplyTo?: (request: FakeRequest) => boolean;
  /** Deterministic randomness for fault injection. */
  random?: () => number;
}

export interface FakeHubSpot {
  url: string;
  /** Every request received, in order (including faulted ones). */
  requests: FakeRequest[];
  /** The most requests that arrived within any `windowMs` (HubSpot's limit counts a rolling window). */
  busiestWindow(windowMs: number): number;
  /** Queues faults applied to the next requests, one each. */
  inject(...faults: Fault[]): void;
  setFaultRate(rate: number, faults?: Fault[]): void;
  close(): Promise<void>;
}

/** HubSpot's error body: `{ status, message, correlationId, category, ... }`. */
export function hubspotError(
  status: number,
  message: string,
  category: string,
  extra: Record<string, unknown> = {},
): FakeResponse {
  return {
    status,
    body: { status: "error", message, correlationId: randomUUID(), category, ...extra },
  };
}

export function rateLimitResponse(
  policyName: "TEN_SECONDLY_ROLLING" | "DAILY",
  limit: number,
  retryAfterSeconds?: number,
  windowMs = 10_000,
): FakeResponse {
  const headers: Record<string, string> = {
    "X-HubSpot-RateLimit-Max": String(limit),
    "X-HubSpot-RateLimit-Remaining": "0",
    "X-HubSpot-RateLimit-Interval-Milliseconds": String(windowMs),
    "X-HubSpot-RateLimit-Daily": "250000",
    "X-HubSpot-RateLimit-Daily-Remaining": policyName === "DAILY" ? "0" : "249000",
  };
  if (retryAfterSeconds !== undefined) headers["Retry-After"] = String(retryAfterSeconds);
  return {
    status: 429,
    headers,
    body: {
      status: "error",
      message: "You have reached your ten_secondly_rolling limit.",
      errorType: "RATE_LIMIT",
      correlationId: randomUUID(),
      policyName,
      groupName: "publicapi:oauth",
    },
  };
}

function match(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split("/");
  const got = path.split("/");
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const segment = want[i] ?? "";
    const actual = got[i] ?? "";
    if (segment.startsWith(":")) params[segment.slice(1)] = decodeURIComponent(actual);
    else if (segment !== actual) return undefined;
  }
  return params;
}

export async function startFakeHubSpot(options: FakeHubSpotOptions): Promise<FakeHubSpot> {
  const started = Date.now();
  const requests: FakeRequest[] = [];
  const queued: Fault[] = [];
  let faultRate = options.faultRate ?? 0;
  let randomFaults = options.randomFaults ?? [{ kind: "500" }];
  const random = options.random ?? Math.random;
  const windowHits: number[] = [];
  const sockets = new Set<Socket>();

  const limit = options.tenSecondlyLimit ?? 0;
  const windowMs = options.windowMs ?? 10_000;
  const prune = (now: number) => {
    while (windowHits.length > 0 && (windowHits[0] ?? 0) <= now - windowMs) windowHits.shift();
  };
  // HubSpot sends the ten-secondly headers on every answer, refusals included.
  const limitHeaders = (): Record<string, string> => {
    if (limit <= 0) return {};
    prune(Date.now());
    return {
      "X-HubSpot-RateLimit-Max": String(limit),
      "X-HubSpot-RateLimit-Remaining": String(Math.max(0, limit - windowHits.length)),
      "X-HubSpot-RateLimit-Interval-Milliseconds": String(windowMs),
      "X-HubSpot-RateLimit-Daily": "250000",
      "X-HubSpot-RateLimit-Daily-Remaining": "249000",
    };
  };
  const send = (res: ServerResponse, response: FakeResponse) => {
    const body = response.body === undefined ? "" : JSON.stringify(response.body);
    res.writeHead(response.status, {
      ...(body ? { "content-type": "application/json;charset=utf-8" } : {}),
      ...limitHeaders(),
      ...response.headers,
    });
    res.end(body);
  };

  const authorized = (request: FakeRequest): boolean => {
    const keys = options.apiKeys ?? [];
    const tokens = options.accessTokens ?? [];
    if (keys.length === 0 && tokens.length === 0) return true;
    const hapikey = request.query.get("hapikey");
    if (hapikey && keys.includes(hapikey)) return true;
    const auth = request.headers.authorization ?? "";
    const bearer = /^Bearer (.+)$/.exec(auth)?.[1];
    return bearer !== undefined && tokens.includes(bearer);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      void (async () => {
        const url = new URL(req.url ?? "/", "http://localhost");
        const rawBody = Buffer.concat(chunks).toString("utf8");
        let body: unknown;
        try {
          body = rawBody ? JSON.parse(rawBody) : undefined;
        } catch {
          body = undefined;
        }
        const request: FakeRequest = {
          method: req.method ?? "GET",
          path: url.pathname,
          query: url.searchParams,
          headers: req.headers,
          body,
          rawBody,
          at: Date.now() - started,
        };
        requests.push(request);

        const eligible = options.faultsApplyTo?.(request) ?? true;
        const fault =
          queued.shift() ??
          (eligible && faultRate > 0 && random() < faultRate
            ? randomFaults[Math.floor(random() * randomFaults.length)]
            : undefined);
        if (fault) request.fault = fault;
        if (fault?.kind === "hang") return;
        if (fault?.kind === "drop") {
          req.socket.destroy();
          return;
        }
        if (fault?.kind === "slow") await new Promise((r) => setTimeout(r, fault.delayMs));
        if (fault?.kind === "429") {
          send(res, rateLimitResponse(fault.policyName ?? "TEN_SECONDLY_ROLLING", limit || 100, fault.retryAfterSeconds, windowMs));
          return;
        }
        if (fault?.kind === "500" || fault?.kind === "502") {
          send(res, hubspotError(Number(fault.kind), "Internal error", "INTERNAL_ERROR"));
          return;
        }

        if (!authorized(request)) {
          send(
            res,
            hubspotError(
              401,
              "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview",
              "INVALID_AUTHENTICATION",
            ),
          );
          return;
        }

        if (limit > 0) {
          const now = Date.now();
          prune(now);
          if (windowHits.length >= limit) {
            send(res, rateLimitResponse("TEN_SECONDLY_ROLLING", limit, undefined, windowMs));
            return;
          }
          windowHits.push(now);
        }

        for (const route of options.routes) {
          if (route.method !== request.method) continue;
          const params = match(route.path, request.path);
          if (!params) continue;
          try {
            const response = await route.handle(request, params);
            if (fault?.kind === "dropAfterHandling") {
              req.socket.destroy();
              return;
            }
            if (fault?.kind === "slowAnswer") await new Promise((r) => setTimeout(r, fault.delayMs));
            send(res, response);
          } catch (error) {
            send(res, hubspotError(500, String(error), "INTERNAL_ERROR"));
          }
          return;
        }
        send(
          res,
          hubspotError(404, `No route for ${request.method} ${request.path}`, "OBJECT_NOT_FOUND"),
        );
      })();
    });
  });
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    busiestWindow(windowMs) {
      const times = requests.map((request) => request.at).sort((a, b) => a - b);
      let best = 0;
      let start = 0;
      for (let end = 0; end < times.length; end++) {
        while ((times[end] as number) - (times[start] as number) >= windowMs) start++;
        best = Math.max(best, end - start + 1);
      }
      return best;
    },
    inject: (...faults) => queued.push(...faults),
    setFaultRate(rate, faults) {
      faultRate = rate;
      if (faults) randomFaults = faults;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
