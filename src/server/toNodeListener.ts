// Structural types instead of `node:http`'s: the package's types then need
// no @types/node, and Node's IncomingMessage/ServerResponse (and Express's
// req/res, which extend them) fit as they are.

/**
 * The part of Node's `http.IncomingMessage` that {@link toNodeListener} uses.
 *
 * @example
 * ```ts
 * import type { IncomingMessage } from "node:http";
 * const request: NodeRequestLike = incomingMessage satisfies IncomingMessage;
 * ```
 */
export interface NodeRequestLike {
  /** HTTP method. */
  method?: string | undefined;
  /** Path and query, e.g. `/relay?x=1`. */
  url?: string | undefined;
  /** Lower-cased header names to values. */
  headers: Record<string, string | string[] | undefined>;
  /** A chunk of the body arrived. */
  on(event: "data", listener: (chunk: Uint8Array | string) => void): unknown;
  /** The body is complete. */
  on(event: "end", listener: () => void): unknown;
  /** Reading the body failed. */
  on(event: "error", listener: (error: Error) => void): unknown;
  /** Stops `data` events (backpressure). */
  pause(): unknown;
  /** Resumes `data` events. */
  resume(): unknown;
}

/**
 * The part of Node's `http.ServerResponse` that {@link toNodeListener} uses.
 *
 * @example
 * ```ts
 * import type { ServerResponse } from "node:http";
 * const response: NodeResponseLike = serverResponse satisfies ServerResponse;
 * ```
 */
export interface NodeResponseLike {
  /** The status to send. */
  statusCode: number;
  /** Sets a header before the head is sent. */
  setHeader(name: string, value: string | string[]): unknown;
  /** Writes part of the body; false when the buffer is full (wait for `drain`). */
  write(chunk: Uint8Array): boolean;
  /** Ends the response. */
  end(chunk?: Uint8Array): unknown;
  /** The connection closed, or the buffer drained (`write` may go on). */
  on(event: "close" | "drain", listener: () => void): unknown;
  /** Removes a listener added with `on`. */
  off(event: "close" | "drain", listener: () => void): unknown;
  /** True once `end()` was called. */
  writableEnded: boolean;
}

/**
 * Options of {@link toNodeListener}.
 *
 * @example
 * ```ts
 * toNodeListener(handler, { origin: "https://calls.example.com" });
 * ```
 */
export interface NodeListenerOptions {
  /** The origin of request URLs (default `http://` + the Host header). Set it behind a proxy. */
  origin?: string;
}

const WITHOUT_BODY = ["GET", "HEAD"];

function toHeaders(source: NodeRequestLike["headers"]): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(source)) {
    // HTTP/2 pseudo-headers (":path") are not headers for fetch.
    if (value === undefined || name.startsWith(":")) continue;
    try {
      for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
    } catch {
      // A header fetch cannot represent is left out rather than failing the request.
    }
  }
  return headers;
}

// The request body as a web stream that pulls from Node's stream with
// backpressure; cancelling it (an oversized body) stops reading.
function toBody(req: NodeRequestLike, state: { complete: boolean }): ReadableStream<Uint8Array> {
  let cancelled = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        req.on("data", (chunk: Uint8Array | string) => {
          if (cancelled) return;
          controller.enqueue(typeof chunk === "string" ? new TextEncoder().encode(chunk) : new Uint8Array(chunk));
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        });
        req.on("end", () => {
          state.complete = true;
          if (!cancelled) controller.close();
        });
        req.on("error", (error: Error) => {
          if (!cancelled) controller.error(error);
        });
      },
      pull() {
        req.resume();
      },
      cancel() {
        cancelled = true;
        req.pause();
      },
    },
    { highWaterMark: 4 },
  );
}

function errorResponse(): Response {
  return new Response(JSON.stringify({ message: "Internal error" }), {
    status: 500,
    headers: { "content-type": "application/json; charset=utf-8" },
  });
}

async function serve(
  handler: (request: Request) => Promise<Response>,
  req: NodeRequestLike,
  res: NodeResponseLike,
  options: NodeListenerOptions,
): Promise<void> {
  const method = (req.method ?? "GET").toUpperCase();
  const hasBody = !WITHOUT_BODY.includes(method);
  const state = { complete: !hasBody };
  const aborted = new AbortController();
  const onClose = () => {
    if (!res.writableEnded) aborted.abort();
  };
  res.on("close", onClose);

  let response: Response;
  try {
    const host = typeof req.headers.host === "string" ? req.headers.host : "localhost";
    const url = new URL(req.url ?? "/", options.origin ?? `http://${host}`);
    const request = new Request(url, {
      method,
      headers: toHeaders(req.headers),
      signal: aborted.signal,
      ...(hasBody ? { body: toBody(req, state), duplex: "half" } : {}),
    } as RequestInit);
    response = await handler(request);
  } catch {
    response = errorResponse();
  }

  try {
    res.statusCode = response.status;
    const cookies = response.headers.getSetCookie();
    response.headers.forEach((value, name) => {
      if (name !== "set-cookie") res.setHeader(name, value);
    });
    if (cookies.length > 0) res.setHeader("set-cookie", cookies);
    // The handler answered without reading the whole body (413): close the
    // connection after this response instead of reading the rest.
    if (!state.complete) res.setHeader("connection", "close");
    if (response.body) {
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (!res.write(value)) {
          await new Promise<void>((resolve) => {
            const go = () => {
              res.off("drain", go);
              res.off("close", go);
              resolve();
            };
            res.on("drain", go);
            res.on("close", go);
          });
        }
      }
    }
    res.end();
  } catch {
    // The client went away while the body was streamed; nothing to tell it.
    if (!res.writableEnded) res.end();
  } finally {
    res.off("close", onClose);
    if (!state.complete) req.resume();
  }
}

/**
 * Adapts a fetch-API handler (such as {@link createRelayHandler}'s) to a
 * `node:http` request listener: IncomingMessage becomes a `Request` whose
 * body streams with backpressure, the `Response` is written back to the
 * ServerResponse. A handler that throws becomes a 500; a client that goes
 * away aborts `request.signal`. Works with Express too
 * (`app.post("/relay", toNodeListener(relay))`, without a body parser on
 * that route).
 *
 * @example
 * ```ts
 * import { createServer } from "node:http";
 * createServer(toNodeListener(createRelayHandler({ writer, authenticate }))).listen(8080);
 * ```
 */
export function toNodeListener(
  handler: (request: Request) => Promise<Response>,
  options: NodeListenerOptions = {},
): (req: NodeRequestLike, res: NodeResponseLike) => void {
  return (req, res) => {
    void serve(handler, req, res, options);
  };
}
