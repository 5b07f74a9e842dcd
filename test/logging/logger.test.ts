import { afterEach, describe, expect, it, vi } from "vitest";
import { consoleLogger, silentLogger } from "../../src/index";

const methods = ["debug", "info", "warn", "error"] as const;

function spyConsole() {
  return Object.fromEntries(methods.map((method) => [method, vi.spyOn(console, method).mockImplementation(() => {})])) as Record<
    (typeof methods)[number],
    ReturnType<typeof vi.spyOn>
  >;
}

afterEach(() => vi.restoreAllMocks());

describe("consoleLogger", () => {
  it("writes from info up by default, prefixed, with the details as a second argument", () => {
    const spies = spyConsole();
    const logger = consoleLogger();
    logger.debug("← DIAL_NUMBER", { a: 1 });
    logger.info("Connected to HubSpot", { portalId: 1 });
    logger.warn("Dropped a message");
    logger.error("Handling failed", new Error("boom"));
    expect(spies.debug).not.toHaveBeenCalled();
    expect(spies.info).toHaveBeenCalledWith("[hubspot-calling-kit] Connected to HubSpot", { portalId: 1 });
    expect(spies.warn).toHaveBeenCalledWith("[hubspot-calling-kit] Dropped a message");
    expect(spies.error).toHaveBeenCalledWith("[hubspot-calling-kit] Handling failed", expect.any(Error));
  });

  it.each([
    ["debug", ["debug", "info", "warn", "error"]],
    ["warn", ["warn", "error"]],
    ["error", ["error"]],
    ["silent", []],
  ] as const)("level %s writes %j", (level, written) => {
    const spies = spyConsole();
    const logger = consoleLogger({ level });
    for (const method of methods) logger[method](`a ${method} line`);
    for (const method of methods) {
      expect(spies[method]).toHaveBeenCalledTimes((written as readonly string[]).includes(method) ? 1 : 0);
    }
  });
});

describe("silentLogger", () => {
  it("writes nothing", () => {
    const spies = spyConsole();
    for (const method of methods) silentLogger[method]("nothing", { toNumber: "+16175550100" });
    for (const method of methods) expect(spies[method]).not.toHaveBeenCalled();
  });
});
