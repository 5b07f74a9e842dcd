import { describe, expect, it } from "vitest";
import type { Logger, LogLevel } from "../../src/index";
import { setup } from "./setup";

interface Entry {
  level: Exclude<LogLevel, "silent">;
  message: string;
  details: unknown;
}

function recordingLogger() {
  const entries: Entry[] = [];
  const at = (level: Entry["level"]) => (message: string, details?: unknown) => void entries.push({ level, message, details });
  const logger: Logger = { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
  return { logger, entries };
}

async function callThroughLogger(logPhoneNumbers?: boolean) {
  const { logger, entries } = recordingLogger();
  const { host, client } = await setup({ client: { logger, ...(logPhoneNumbers === undefined ? {} : { logPhoneNumbers }) } });
  const requested = new Promise((resolve) => client.on("dialRequested", resolve));
  host.dialNumber({ phoneNumber: "+16175550100" });
  await requested;
  const call = await client.dial();
  await host.nextMessage("OUTGOING_CALL_STARTED");
  await call.hangUp();
  await host.nextMessage("CALL_ENDED");
  return entries;
}

describe("client logging", () => {
  it("logs every message both ways at debug, with phone numbers masked", async () => {
    const entries = await callThroughLogger();
    const debug = entries.filter((entry) => entry.level === "debug");
    const dialNumber = debug.find((entry) => entry.message === "← DIAL_NUMBER");
    const started = debug.find((entry) => entry.message === "→ OUTGOING_CALL_STARTED");
    expect(dialNumber?.details).toMatchObject({ phoneNumber: "+•••••••••00" });
    expect(started?.details).toMatchObject({ toNumber: "+•••••••••00" });
    expect(debug.map((entry) => entry.message)).toContain("→ CALL_ENDED");
    expect(JSON.stringify(entries)).not.toContain("6175550100");
  });

  it("logs numbers as they are only when created with logPhoneNumbers: true", async () => {
    const entries = await callThroughLogger(true);
    const started = entries.find((entry) => entry.message === "→ OUTGOING_CALL_STARTED");
    expect(started?.details).toMatchObject({ toNumber: "+16175550100" });
  });
});
