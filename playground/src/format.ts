// How the playground writes durations and times: one format for every time
// in the message log (its entries, its separators, the timestamps inside
// payloads) and on the record's timeline.

/** Formats milliseconds as m:ss (or h:mm:ss). */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}` : `${minutes}:${seconds}`;
}

/** A moment as the log shows it, local time to the millisecond: `14:03:27.045`. */
export function formatTime(at: number): string {
  const date = new Date(at);
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

/** A moment with its day, for the timeline: `2024-05-01 14:03:27.045`. */
export function formatDateTime(at: number): string {
  const date = new Date(at);
  const day = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;
  return `${day} ${formatTime(at)}`;
}

// Payload fields that hold a moment in epoch milliseconds (HubSpot's and the widget's).
const TIME_FIELDS = ["callStartTime", "callStartedTimestamp", "hs_timestamp", "timestamp"] as const;

/** The moments inside a payload, as `[field, epoch ms]`, so the log can show them in its own format. */
export function timesIn(data: unknown): [string, number][] {
  const found: [string, number][] = [];
  const visit = (value: unknown, depth: number) => {
    if (typeof value !== "object" || value === null || depth > 2) return;
    for (const [key, inner] of Object.entries(value)) {
      const ms = typeof inner === "string" && /^\d{12,14}$/.test(inner) ? Number(inner) : inner;
      if ((TIME_FIELDS as readonly string[]).includes(key) && typeof ms === "number" && Number.isFinite(ms) && ms > 1e11) found.push([key, ms]);
      else visit(inner, depth + 1);
    }
  };
  visit(data, 0);
  return found;
}
