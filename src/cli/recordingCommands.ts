// hubspot-calling-kit recording-settings get|create|update
import type { Command } from "commander";
import { action, type CliContext } from "./cliContext";
import {
  clientFor,
  requestOptions,
  withConnectionOptions,
  type ConnectionOptions,
} from "./connectionOptions";
import { formatRecordingSettings } from "./format";

interface RecordingFlags extends ConnectionOptions {
  url?: string;
}

const URL_HELP = "where HubSpot fetches a recording; %s is replaced by the external call id";

/** @internal Registers `recording-settings` and its subcommands. */
export function addRecordingCommands(program: Command, context: CliContext): void {
  const recording = program
    .command("recording-settings")
    .description("read and change where HubSpot fetches call recordings");

  withConnectionOptions(recording.command("get").description("show the recording settings")).action(
    action<RecordingFlags>(context, async (flags) => {
      const value = await clientFor(flags, context).getRecordingSettings({
        appId: flags.appId,
        ...requestOptions(flags),
      });
      return {
        value,
        text: formatRecordingSettings(`Recording settings of app ${flags.appId}`, value),
      };
    }),
  );

  for (const verb of ["create", "update"] as const) {
    const command = recording
      .command(verb)
      .description(`${verb} the recording settings`)
      .requiredOption("--url <url>", URL_HELP);
    withConnectionOptions(command).action(
      action<RecordingFlags>(context, async (flags) => {
        const client = clientFor(flags, context);
        const request = {
          appId: flags.appId,
          settings: { urlToRetrieveAuthedRecording: flags.url ?? "" },
          ...requestOptions(flags),
        };
        const value =
          verb === "create"
            ? await client.createRecordingSettings(request)
            : await client.updateRecordingSettings(request);
        const done = verb === "create" ? "Created" : "Updated";
        return {
          value,
          text: formatRecordingSettings(`${done} recording settings of app ${flags.appId}`, value),
        };
      }),
    );
  }
}
