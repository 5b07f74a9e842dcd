// Words about a call, shared by the call screens.
import type { CallerIdMatch, CallSnapshot } from "hubspot-calling-kit";

/** The other party's number: who we called, or who called us. */
export function otherParty(call: CallSnapshot): string {
  return call.direction === "OUTBOUND" ? call.toNumber : call.fromNumber;
}

/** A caller-ID match from HubSpot, in a few words. */
export function matchName(match: CallerIdMatch): string {
  if (match.callerIdType === "COMPANY") return `${match.name ?? "Unnamed company"} (company)`;
  const name = [match.firstName, match.lastName].filter(Boolean).join(" ");
  return `${name || match.email || "Unnamed contact"} (contact)`;
}

/** HubSpot's caller-ID match: still looking, found, or not found (no match, or the lookup failed). */
export function callerIdLine(call: CallSnapshot, lookupFailed: boolean): string {
  const matches = call.callerIdMatches;
  if (matches && matches.length > 0) return matches.map(matchName).join(", ");
  if (matches || lookupFailed) return "Caller not found in HubSpot";
  return "Looking up the caller in HubSpot…";
}

/** What HubSpot knows about the call's record, in a few words. */
export function engagementLine(call: CallSnapshot): string {
  const { status, id } = call.engagement;
  if (!call.createEngagement) return "";
  if (status === "creating") return "Creating the call record in HubSpot…";
  if (status === "failed") return "HubSpot could not create the call record.";
  return id === null ? "" : `HubSpot call record ${id}`;
}

/** Formats milliseconds as m:ss (or h:mm:ss). */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}` : `${minutes}:${seconds}`;
}
