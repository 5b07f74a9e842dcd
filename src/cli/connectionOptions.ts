import { InvalidArgumentError, Option, type Command } from "commander";
import { ValidationError } from "../errors/validationError";
import { SETTINGS_API_VERSIONS, type SettingsApiVersion } from "../settings/apiVersions";
import { createSettingsClient, type SettingsClient } from "../settings/settingsClient";
import { HUBSPOT_API_BASE_URL } from "../settings/settingsClientOptions";
import { MAX_TIMEOUT_MS } from "../settings/settingsRequest";
import type { CliContext } from "./cliContext";

/** @internal The environment variables the CLI reads. */
export const ENV = {
  apiKey: "HUBSPOT_DEVELOPER_API_KEY",
  baseUrl: "HUBSPOT_API_BASE_URL",
} as const;

/**
 * @internal How long a command waits for each answer from HubSpot by
 * default: long enough for a slow day, short enough that a hung connection
 * fails a CI job quickly (Node's own limit is about 5 minutes).
 */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** @internal Options every command that calls HubSpot takes. */
export interface ConnectionOptions {
  appId: string;
  apiKey?: string;
  baseUrl?: string;
  apiVersion?: SettingsApiVersion;
  /** Milliseconds to wait for each request (commander fills in the default). */
  timeout?: number;
  json?: boolean;
}

function timeoutMs(value: string): number {
  const ms = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(ms > 0) || ms > MAX_TIMEOUT_MS) {
    throw new InvalidArgumentError(
      `must be a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS}`,
    );
  }
  return ms;
}

/** @internal The per-request options the flags ask for: the timeout, default 30 s. */
export function requestOptions(flags: ConnectionOptions): { timeout: number } {
  return { timeout: flags.timeout ?? DEFAULT_TIMEOUT_MS };
}

/** @internal Adds --app-id, the credential and host options, --timeout and --json. */
export function withConnectionOptions(command: Command): Command {
  return command
    .requiredOption(
      "--app-id <id>",
      "your app's id (from the app's page in your developer account)",
    )
    .option("--api-key <key>", `developer API key (default: $${ENV.apiKey}; prefer the variable)`)
    .option("--base-url <url>", `API host (default: $${ENV.baseUrl} or ${HUBSPOT_API_BASE_URL})`)
    .addOption(
      new Option("--api-version <version>", "endpoint paths to use")
        .choices(Object.keys(SETTINGS_API_VERSIONS))
        .default("v3"),
    )
    .addOption(
      new Option(
        "--timeout <ms>",
        "milliseconds to wait for each answer from HubSpot before giving up (exit code 1)",
      )
        .argParser(timeoutMs)
        .default(DEFAULT_TIMEOUT_MS, `${DEFAULT_TIMEOUT_MS}, i.e. ${DEFAULT_TIMEOUT_MS / 1000} s`),
    )
    .option("--json", "print JSON for scripts instead of text");
}

// An empty variable (`FOO= cmd`) counts as unset.
function fromEnv(context: CliContext, name: string): string | undefined {
  const value = context.io.env[name];
  return value === undefined || value.trim() === "" ? undefined : value;
}

/** @internal A settings client from the options and the environment; never prints the key. */
export function clientFor(options: ConnectionOptions, context: CliContext): SettingsClient {
  const apiKey = options.apiKey ?? fromEnv(context, ENV.apiKey);
  context.redactor.add(apiKey);
  if (apiKey === undefined || apiKey.trim() === "") {
    throw new ValidationError("credentials", [
      { path: "--api-key", message: `is required: pass --api-key <key> or set ${ENV.apiKey}` },
    ]);
  }
  const baseUrl = options.baseUrl ?? fromEnv(context, ENV.baseUrl) ?? HUBSPOT_API_BASE_URL;
  return createSettingsClient({
    apiKey,
    baseUrl,
    apiVersion: options.apiVersion ?? "v3",
    ...(context.io.fetch ? { fetch: context.io.fetch } : {}),
  });
}
