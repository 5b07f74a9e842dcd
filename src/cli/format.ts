// Human-readable output. Scripts use --json instead; this text may change.
import type {
  CallingSettings,
  ChannelConnectionSettings,
  RecordingSettings,
} from "../settings/types";

const yesNo = (value: boolean) => (value ? "yes" : "no");

function table(rows: [string, string | undefined][]): string {
  const shown = rows.filter((row): row is [string, string] => row[1] !== undefined);
  const width = Math.max(...shown.map(([label]) => label.length));
  return shown.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`).join("\n");
}

/** @internal */
export function formatCallingSettings(title: string, settings: CallingSettings): string {
  return `${title}\n${table([
    ["name", settings.name],
    ["url", settings.url],
    ["size", `${settings.width} x ${settings.height} px`],
    ["ready", settings.isReady ? "yes (visible to users)" : "no (hidden from users)"],
    ["inbound calling", yesNo(settings.supportsInboundCalling)],
    ["calling window", yesNo(settings.usesCallingWindow)],
    ["remote", yesNo(settings.usesRemote)],
    ["custom objects", yesNo(settings.supportsCustomObjects)],
    ["created", settings.createdAt],
    ["updated", settings.updatedAt],
  ])}\n`;
}

/** @internal */
export function formatRecordingSettings(title: string, settings: RecordingSettings): string {
  return `${title}\n${table([["recording url", settings.urlToRetrieveAuthedRecording]])}\n`;
}

/** @internal */
export function formatChannelConnection(
  title: string,
  settings: ChannelConnectionSettings,
): string {
  return `${title}\n${table([
    ["url", settings.url],
    ["ready", yesNo(settings.isReady)],
    ["created", settings.createdAt],
    ["updated", settings.updatedAt],
  ])}\n`;
}
