import type { RelayRecord } from "../engagements/relayRecord";

/**
 * A fingerprint of what a relay record says (`call`, `engagementId`,
 * `properties`), so the relay can tell a repeat of a record it wrote from a
 * corrected version of it. `parseRelayRecord` builds calls field by field in
 * a fixed order and properties are sorted, so equal content gives equal text
 * whatever order the JSON came in. A 53-bit hash
 * (cyrb53), pure JavaScript so the relay runs wherever `fetch` does: not a
 * security measure; two versions of one call colliding would only skip that
 * correction.
 *
 * @internal
 */
export function recordRevision(record: RelayRecord): string {
  const properties = Object.entries(record.properties).sort(([a], [b]) => (a < b ? -1 : 1));
  const text = JSON.stringify([record.call, record.engagementId ?? null, properties]);
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2_654_435_761);
    h2 = Math.imul(h2 ^ code, 1_597_334_677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2_246_822_507) ^ Math.imul(h2 ^ (h2 >>> 13), 3_266_489_909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2_246_822_507) ^ Math.imul(h1 ^ (h1 >>> 13), 3_266_489_909);
  return (4_294_967_296 * (2_097_151 & h2) + (h1 >>> 0)).toString(36);
}
