// Server rendering of hubspot-calling-kit/react in Node (real react-dom/server),
// and the promise that the root entry never pulls React in.
import { build } from "esbuild";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { afterEach, describe, expect, it } from "vitest";
import { createCallingClient } from "../../src/index";
import { createMemoryTransport } from "../../src/testing/memoryTransport";
import { simulatedProvider } from "../../src/testing/simulatedProvider";

const BROWSER_GLOBALS = ["window", "self", "document", "navigator", "location", "localStorage"] as const;
let restore: (() => void)[] = [];

/** Makes every browser global throw when read, until the test ends. */
function trapBrowserGlobals(): void {
  for (const name of BROWSER_GLOBALS) {
    const before = Object.getOwnPropertyDescriptor(globalThis, name);
    Object.defineProperty(globalThis, name, {
      configurable: true,
      get() {
        throw new Error(`touched ${name} during server rendering`);
      },
    });
    restore.push(() => {
      if (before) Object.defineProperty(globalThis, name, before);
      else delete (globalThis as Record<string, unknown>)[name];
    });
  }
}

afterEach(() => {
  for (const undo of restore.splice(0).reverse()) undo();
});

describe("hubspot-calling-kit/react during server rendering", () => {
  it("imports and renders with renderToString without touching browser globals", async () => {
    trapBrowserGlobals();
    const react = await import("../../src/react/index");
    function Status() {
      const status = react.useCallingSnapshot((snapshot) => snapshot.session.status);
      const { call } = react.useCall();
      react.useCallingEvent("dialRequested", () => {});
      return createElement("p", null, `${status}/${call?.status ?? "no call"}`);
    }
    // Options without a transport: the default SDK transport, which must not start on the server.
    const html = renderToString(
      createElement(react.CallingProvider, { options: { provider: simulatedProvider() } }, createElement(Status)),
    );
    expect(html).toBe("<p>connecting/no call</p>");
  });

  it("renders the state of a client it was given", async () => {
    const host = createMemoryTransport();
    const client = createCallingClient({ provider: simulatedProvider({ outcome: "manual" }), transport: host.transport });
    host.sync();
    await client.ready({ timeout: 2_000 });
    await client.logIn();
    const { CallingProvider, useCallingSnapshot } = await import("../../src/react/index");
    function Status() {
      return createElement("p", null, useCallingSnapshot((snapshot) => snapshot.session.status));
    }
    trapBrowserGlobals();
    expect(renderToString(createElement(CallingProvider, { client }, createElement(Status)))).toBe("<p>loggedIn</p>");
    client.destroy();
  });
});

describe("entry points", () => {
  async function bundledInputs(entry: string): Promise<{ inputs: string[]; imports: string[] }> {
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      metafile: true,
      format: "esm",
      platform: "neutral",
      logLevel: "silent",
      external: ["@hubspot/calling-extensions-sdk", "react", "react-dom"],
    });
    const output = Object.values(result.metafile.outputs)[0];
    return {
      inputs: Object.keys(result.metafile.inputs),
      imports: (output?.imports ?? []).map((item) => item.path),
    };
  }

  it("the root entry never imports React", async () => {
    const root = await bundledInputs("src/index.ts");
    expect(root.inputs.some((file) => file.startsWith("src/react/"))).toBe(false);
    expect(root.imports.filter((path) => path === "react" || path.startsWith("react/") || path.startsWith("react-dom"))).toEqual([]);
  });

  it("the react entry imports React and nothing else from outside but the core's dependencies", async () => {
    const entry = await bundledInputs("src/react/index.ts");
    expect(entry.imports).toContain("react");
    expect(entry.imports.filter((path) => !["react", "@hubspot/calling-extensions-sdk"].includes(path))).toEqual([]);
  });
});
