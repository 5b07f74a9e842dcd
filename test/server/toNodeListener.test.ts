import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createRelayHandler } from "../../src/server/relayHandler";
import { toNodeListener } from "../../src/server/toNodeListener";

let server: Server | undefined;

async function serve(handler: (request: Request) => Promise<Response>): Promise<string> {
  server = createServer(toNodeListener(handler));
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A raw HTTP/1.1 exchange, for what fetch cannot do (lying Content-Length). */
function raw(url: string, options: { method: string; headers: Record<string, string>; body?: Buffer }) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest(url, { method: options.method, headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    if (options.body) req.write(options.body);
    // Leave the request open: the server must answer without the rest.
  });
}

describe("toNodeListener", () => {
  it("turns IncomingMessage into a Request and the Response back into ServerResponse", async () => {
    let seen: { method: string; url: string; headers: [string, string][]; body: string } | undefined;
    const url = await serve(async (request) => {
      seen = {
        method: request.method,
        url: request.url,
        headers: [...request.headers].filter(([name]) => name.startsWith("x-")),
        body: await request.text(),
      };
      const headers = new Headers({ "content-type": "text/plain", "x-answer": "yes" });
      headers.append("set-cookie", "a=1");
      headers.append("set-cookie", "b=2");
      return new Response("streamed back", { status: 201, headers });
    });
    const response = await fetch(`${url}/relay/path?x=1`, {
      method: "PUT",
      headers: { "x-one": "1", "x-two": "2" },
      body: "hello body",
    });
    expect(response.status).toBe(201);
    expect(await response.text()).toBe("streamed back");
    expect(response.headers.get("x-answer")).toBe("yes");
    expect(response.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
    expect(seen).toEqual({
      method: "PUT",
      url: `${url}/relay/path?x=1`,
      headers: [
        ["x-one", "1"],
        ["x-two", "2"],
      ],
      body: "hello body",
    });
  });

  it("streams a large request body through with backpressure", async () => {
    const url = await serve(async (request) => new Response(String((await request.arrayBuffer()).byteLength)));
    const size = 5 * 1024 * 1024;
    const response = await fetch(url, { method: "POST", body: new Uint8Array(size) });
    expect(await response.text()).toBe(String(size));
  });

  it("uses the configured origin behind a proxy", async () => {
    let seenUrl = "";
    server = createServer(
      toNodeListener(
        async (request) => {
          seenUrl = request.url;
          return new Response(null, { status: 204 });
        },
        { origin: "https://calls.example.com" },
      ),
    );
    await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
    await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/relay?a=b`);
    expect(seenUrl).toBe("https://calls.example.com/relay?a=b");
  });

  it("answers 500 when the handler throws, and keeps serving", async () => {
    let fail = true;
    const url = await serve(async () => {
      if (fail) throw new Error("handler bug");
      return new Response("fine");
    });
    const broken = await fetch(url);
    expect(broken.status).toBe(500);
    expect(await broken.json()).toEqual({ message: "Internal error" });
    fail = false;
    expect(await (await fetch(url)).text()).toBe("fine");
  });

  it("aborts request.signal when the client goes away", async () => {
    let aborted: Promise<boolean> | undefined;
    const url = await serve(
      (request) =>
        new Promise<Response>(() => {
          aborted = new Promise((resolve) => request.signal.addEventListener("abort", () => resolve(true)));
        }),
    );
    const controller = new AbortController();
    const pending = fetch(url, { signal: controller.signal }).catch(() => undefined);
    await expect.poll(() => aborted !== undefined).toBe(true);
    controller.abort();
    await pending;
    await expect(aborted).resolves.toBe(true);
  });

  it("answers 413 to an oversized body without reading it all, and keeps serving", async () => {
    const relay = createRelayHandler({ writer: { write: async () => ({}) }, authenticate: () => true, maxBodyBytes: 1_024 });
    const url = await serve(relay);
    // Declares 10 MB, sends 2 KB, never finishes: answered at once.
    const declared = await raw(url, {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": String(10 * 1024 * 1024) },
      body: Buffer.alloc(2_048, 0x20),
    });
    expect(declared.status).toBe(413);
    // Chunked, no length: the handler stops reading past the limit.
    const chunked = await raw(url, {
      method: "POST",
      headers: { "content-type": "application/json", "transfer-encoding": "chunked" },
      body: Buffer.alloc(4_096, 0x20),
    });
    expect(chunked.status).toBe(413);
    const ok = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(ok.status).toBe(400);
  });
});
