// A run of 7+ digits, allowing the usual separators, optionally after "+".
const PHONE = /\+?\d(?:[\s().-]*\d){6,}/g;
// Strings that are ids, not numbers to protect: UUIDs and bare digit runs
// (timestamps, HubSpot ids sent as strings).
const NOT_PHONE = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+)$/i;
const PHONE_KEY = /number|phone/i;
const MAX_DEPTH = 6;
// Entries kept per object or array; a log line needs no more, and a huge
// hostile payload must not cost a full copy.
const MAX_ENTRIES = 200;

/**
 * Masks phone numbers in a value before it is logged, keeping the last two
 * digits: every string under a key naming a number or phone
 * (`toNumber`, `phone_number`, ...), and phone-like runs inside other text.
 * UUIDs, bare digit ids and number values are left alone. Objects and arrays
 * are copied, never changed; anything nested deeper than six levels is
 * replaced by `"[nested too deep]"` rather than logged unredacted, and only
 * the first 200 entries of an object or array are kept (the rest are counted).
 *
 * @example
 * ```ts
 * redactPhoneNumbers({ toNumber: "+16175550100", notes: "call +1 617 555 0100", engagementId: 42 });
 * // { toNumber: "+•••••••••00", notes: "call +• ••• ••• ••00", engagementId: 42 }
 * ```
 */
export function redactPhoneNumbers<T>(value: T): T {
  return redact(value, false, 0) as T;
}

function mask(text: string): string {
  // Counts down the digits so that the last two are kept.
  let left = text.replace(/\D/g, "").length;
  return text.replace(/\d/g, (digit) => (--left < 2 ? digit : "•"));
}

function redact(value: unknown, phoneKey: boolean, depth: number): unknown {
  if (typeof value === "string") {
    if (phoneKey) return mask(value);
    return NOT_PHONE.test(value) ? value : value.replace(PHONE, mask);
  }
  if (typeof value !== "object" || value === null) return value;
  // Deeper than any HubSpot payload: cut, never passed through unredacted.
  if (depth >= MAX_DEPTH) return "[nested too deep]";
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ENTRIES).map((item) => redact(item, phoneKey, depth + 1));
    return value.length > MAX_ENTRIES ? [...items, `[${value.length - MAX_ENTRIES} more]`] : items;
  }
  const entries: [string, unknown][] = [];
  let more = 0;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (entries.length === MAX_ENTRIES) more++;
    else entries.push([key, redact((value as Record<string, unknown>)[key], PHONE_KEY.test(key), depth + 1)]);
  }
  if (more > 0) entries.push(["[more]", `${more} more keys`]);
  // fromEntries keeps a "__proto__" key as plain data.
  return Object.fromEntries(entries);
}
