// @ts-check
// A vendor backend for a HubSpot calling widget: the widget's relayWriter
// POSTs finished calls here, and this server logs them in HubSpot through the
// CRM calls API with your token (which never reaches the browser).
//
//   HUBSPOT_ACCESS_TOKEN=pat-... RELAY_SECRET=change-me npm start
import { timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import {
  createCallsApiWriter,
  createRelayHandler,
  legacyEngagementToProperties,
  toNodeListener,
} from "hubspot-calling-kit/server";

const env = process.env;
if (!env.HUBSPOT_ACCESS_TOKEN || !env.RELAY_SECRET) {
  console.error("Set HUBSPOT_ACCESS_TOKEN (a private app or OAuth token) and RELAY_SECRET (shared with your widget).");
  process.exit(1);
}
const secret = Buffer.from(`Bearer ${env.RELAY_SECRET}`);
const widgetOrigin = env.WIDGET_ORIGIN ?? "";

// Logs calls in HubSpot: PATCHes the engagement HubSpot created, or creates
// the call (with the recording fields and the callee association).
const writer = createCallsApiWriter({
  accessToken: env.HUBSPOT_ACCESS_TOKEN,
  ...(env.HUBSPOT_BASE_URL ? { baseUrl: env.HUBSPOT_BASE_URL } : {}),
  ...(env.HUBSPOT_APP_ID ? { appId: env.HUBSPOT_APP_ID } : {}),
  maxPer10Seconds: Number(env.HUBSPOT_MAX_PER_10_SECONDS ?? 80),
});

/**
 * Who may log calls. A real backend checks its own session (a cookie, a JWT
 * from your login); this example compares a shared secret in constant time.
 * @param {Request} request
 */
function authenticate(request) {
  const given = Buffer.from(request.headers.get("authorization") ?? "");
  return given.length === secret.length && timingSafeEqual(given, secret);
}

const relay = createRelayHandler({
  writer,
  authenticate,
  onError: ({ error, record, status }) =>
    console.warn(`relay answered ${status} for ${record?.call.externalCallId ?? "a request"}:`, error),
});

/**
 * The widget lives on another origin than this server: answer CORS. The
 * widget's outbox reads Retry-After (on 409, 429 and 503) to know when to
 * retry, and a browser hides that header from other origins unless exposed.
 * @param {Response} response
 */
function withCors(response) {
  if (!widgetOrigin) return response;
  const headers = new Headers(response.headers);
  headers.set("access-control-allow-origin", widgetOrigin);
  headers.set("access-control-expose-headers", "retry-after");
  headers.set("vary", "origin");
  return new Response(response.body, { status: response.status, headers });
}

/** @param {unknown} body @param {number} status */
const json = (body, status) => Response.json(body, { status });

/**
 * Routes of this backend, as one fetch-API handler.
 * @param {Request} request
 * @returns {Promise<Response>}
 */
async function app(request) {
  const { pathname } = new URL(request.url);
  if (request.method === "OPTIONS" && widgetOrigin) {
    return withCors(
      new Response(null, {
        status: 204,
        headers: {
          "access-control-allow-methods": "POST",
          "access-control-allow-headers": "authorization, content-type, idempotency-key",
          "access-control-max-age": "600",
        },
      }),
    );
  }
  if (pathname === "/healthz") return json({ ok: true }, 200);
  // The widget's relayWriter({ url: "https://this-server/hubspot/calls" }).
  if (pathname === "/hubspot/calls") return withCors(await relay(request));

  // Your voice backend tells HubSpot a recording can be fetched now.
  const ready = /^\/hubspot\/calls\/(\d+)\/recording-ready$/.exec(pathname);
  if (ready && request.method === "POST") {
    if (!authenticate(request)) return json({ message: "Not authenticated" }, 401);
    await writer.markRecordingReady(Number(ready[1]));
    return new Response(null, { status: 204 });
  }

  // Code written against the legacy engagements API keeps its request body.
  const legacy = /^\/legacy\/engagements\/(\d+)$/.exec(pathname);
  if (legacy && request.method === "PATCH") {
    if (!authenticate(request)) return json({ message: "Not authenticated" }, 401);
    let properties;
    try {
      properties = legacyEngagementToProperties(await request.json());
    } catch (error) {
      const issues = error instanceof Error && "issues" in error ? error.issues : [{ path: "", message: "is not JSON" }];
      return json({ message: "Invalid legacy engagement update", errors: issues }, 400);
    }
    await writer.update(Number(legacy[1]), properties);
    return new Response(null, { status: 204 });
  }
  return json({ message: "Not found" }, 404);
}

const server = createServer(
  toNodeListener(async (request) => {
    try {
      return await app(request);
    } catch (error) {
      console.error(error);
      return json({ message: "Internal error" }, 500);
    }
  }),
);
server.listen(Number(env.PORT ?? 8787), env.HOST ?? "127.0.0.1", () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : env.PORT;
  console.log(`node-relay listening on http://${env.HOST ?? "127.0.0.1"}:${port}`);
});
for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM"])) {
  process.on(signal, () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
}
