// hubspot-calling-kit local-override
import { Option, type Command } from "commander";
import { buildLocalOverride } from "../settings/localOverride";
import { action, type CliContext } from "./cliContext";

interface LocalOverrideFlags {
  name?: string;
  url?: string;
  legacy?: boolean;
  clear?: boolean;
  json?: boolean;
}

/** @internal Registers `local-override`: prints a snippet, sends nothing. */
export function addLocalOverrideCommand(program: Command, context: CliContext): void {
  program
    .command("local-override")
    .description(
      "print the browser-console snippet that makes HubSpot load your widget from a local URL (this browser only)",
    )
    .addOption(new Option("--name <name>", "the provider name HubSpot shows").conflicts("clear"))
    .addOption(
      new Option("--url <url>", "your local widget URL, e.g. https://localhost:5174/").conflicts(
        "clear",
      ),
    )
    .option("--legacy", "use the older LocalSettings:Sales:CallingExtensions key")
    .option("--clear", "print the snippet that removes the override instead")
    .option("--json", "print { key, value, snippet } as JSON")
    .addHelpText(
      "after",
      "\nPaste the snippet into the console of a HubSpot page (app.hubspot.com) and reload it.",
    )
    .action(
      action<LocalOverrideFlags>(context, async (flags) => {
        const override = flags.clear
          ? buildLocalOverride({ clear: true, legacy: flags.legacy === true })
          : buildLocalOverride({
              name: flags.name ?? "",
              url: flags.url ?? "",
              legacy: flags.legacy === true,
            });
        if (!flags.json) {
          const hint = flags.clear
            ? "Paste this into the console of a HubSpot page, then reload, to remove the override:"
            : "Paste this into the console of a HubSpot page, then reload it:";
          context.io.stderr(`${hint}\n`);
        }
        return { value: override, text: `${override.snippet}\n` };
      }),
    );
}
