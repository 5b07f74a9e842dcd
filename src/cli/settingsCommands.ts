// hubspot-calling-kit settings get|create|update|delete
import { InvalidArgumentError, type Command } from "commander";
import type { CallingSettingsPatch } from "../settings/types";
import { action, type CliContext } from "./cliContext";
import {
  clientFor,
  requestOptions,
  withConnectionOptions,
  type ConnectionOptions,
} from "./connectionOptions";
import { formatCallingSettings } from "./format";

interface SettingsFlags extends ConnectionOptions {
  name?: string;
  url?: string;
  width?: number;
  height?: number;
  ready?: boolean;
  notReady?: boolean;
  inbound?: boolean;
  callingWindow?: boolean;
  remote?: boolean;
  customObjects?: boolean;
}

function integer(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError("must be a positive integer");
  return Number(value);
}

// The CLI flags and the settings fields they set.
const FLAG_FIELDS = [
  ["inbound", "supportsInboundCalling", "receive inbound calls"],
  ["callingWindow", "usesCallingWindow", "run in HubSpot's separate calling window"],
  ["remote", "usesRemote", "open from the calling remote in the navigation bar"],
  ["customObjects", "supportsCustomObjects", "open from custom object records"],
] as const;

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Only the fields given on the command line, so `update` sends nothing else. */
function fieldsFrom(flags: SettingsFlags): CallingSettingsPatch {
  const fields: CallingSettingsPatch = {};
  if (flags.name !== undefined) fields.name = flags.name;
  if (flags.url !== undefined) fields.url = flags.url;
  if (flags.width !== undefined) fields.width = flags.width;
  if (flags.height !== undefined) fields.height = flags.height;
  if (flags.ready) fields.isReady = true;
  if (flags.notReady) fields.isReady = false;
  for (const [flag, field] of FLAG_FIELDS) {
    if (flags[flag] !== undefined) fields[field] = flags[flag];
  }
  return fields;
}

function addFieldOptions(command: Command, update: boolean): Command {
  command
    .option("--width <n>", "iframe width in pixels (default on create: 400)", integer)
    .option("--height <n>", "iframe height in pixels (default on create: 600)", integer)
    .option("--ready", "show the app to users (isReady: true)");
  if (update) command.option("--not-ready", "hide the app from users (isReady: false)");
  for (const [flag, , description] of FLAG_FIELDS) {
    command.option(`--${kebab(flag)}`, description);
    if (update) command.option(`--no-${kebab(flag)}`, `turn off: ${description}`);
  }
  return command;
}

/** @internal Registers `settings` and its subcommands. */
export function addSettingsCommands(program: Command, context: CliContext): void {
  const settings = program
    .command("settings")
    .description("read and change your app's calling settings (name, widget URL, size, flags)");

  withConnectionOptions(settings.command("get").description("show the calling settings")).action(
    action<SettingsFlags>(context, async (flags) => {
      const value = await clientFor(flags, context).getSettings({
        appId: flags.appId,
        ...requestOptions(flags),
      });
      return {
        value,
        text: formatCallingSettings(`Calling settings of app ${flags.appId}`, value),
      };
    }),
  );

  const create = settings
    .command("create")
    .description("create the calling settings; unset fields get defaults (hidden from users)")
    .requiredOption("--name <name>", "the provider name users see")
    .requiredOption("--url <url>", "the widget URL (https:, or http: on localhost)");
  addFieldOptions(withConnectionOptions(create), false).action(
    action<SettingsFlags>(context, async (flags) => {
      const value = await clientFor(flags, context).createSettings({
        appId: flags.appId,
        settings: { ...fieldsFrom(flags), name: flags.name ?? "", url: flags.url ?? "" },
        ...requestOptions(flags),
      });
      return {
        value,
        text: formatCallingSettings(`Created calling settings of app ${flags.appId}`, value),
      };
    }),
  );

  const update = settings
    .command("update")
    .description("change some calling settings; only the options given are sent")
    .option("--name <name>", "the provider name users see")
    .option("--url <url>", "the widget URL (https:, or http: on localhost)");
  addFieldOptions(withConnectionOptions(update), true);
  update.options.find((option) => option.long === "--not-ready")?.conflicts("ready");
  update.action(
    action<SettingsFlags>(context, async (flags) => {
      const value = await clientFor(flags, context).updateSettings({
        appId: flags.appId,
        settings: fieldsFrom(flags),
        ...requestOptions(flags),
      });
      return {
        value,
        text: formatCallingSettings(`Updated calling settings of app ${flags.appId}`, value),
      };
    }),
  );

  withConnectionOptions(
    settings.command("delete").description("delete the calling settings"),
  ).action(
    action<SettingsFlags>(context, async (flags) => {
      await clientFor(flags, context).deleteSettings({
        appId: flags.appId,
        ...requestOptions(flags),
      });
      return {
        value: { appId: flags.appId, deleted: true },
        text: `Deleted calling settings of app ${flags.appId}\n`,
      };
    }),
  );
}
