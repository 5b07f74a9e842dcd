import { Option, type Command } from "commander";
import { ValidationError } from "../errors/validationError";
import { SETTINGS_API_VERSIONS, type SettingsApiVersion } from "../settings/apiVersions";
import { createSettingsClient, type SettingsClient } from "../settings/settingsClient";
import { HUBSPOT_API_BASE_URL } from "../settings/settingsClientOptions";
import type { CliContext } from "./cliContext";

/** @internal The environment variables the CLI reads. */
export const ENV = {
  apiKey: "HUBSPOT_DEVELOPER_API_KEY",
  baseUrl: "HUBSPOT_API_BASE_URL",
} as const;

/** @internal Options every command that calls HubSpot takes. */
export interface ConnectionOptions {
  appId: string;
  apiKey?: string;
  baseUrl?: string;
  apiVersion?: SettingsApiVersion;
  json?: boolean;
}

/** @internal Adds --app-id, the credential and host options, and --json. */
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
