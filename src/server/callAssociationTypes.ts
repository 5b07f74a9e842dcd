/**
 * HubSpot-defined association type ids from a call to the record it was
 * with, by the record's object type id (`0-1` contacts, `0-2` companies,
 * `0-3` deals, `0-5` tickets). A call to another object type is created
 * without an association unless you add its type id through
 * `createCallsApiWriter({ associationTypeIds })`.
 *
 * @example
 * ```ts
 * CALL_ASSOCIATION_TYPE_IDS["0-1"]; // 194 (call to contact)
 * ```
 */
export const CALL_ASSOCIATION_TYPE_IDS = {
  /** Call to contact. */
  "0-1": 194,
  /** Call to company. */
  "0-2": 182,
  /** Call to deal. */
  "0-3": 206,
  /** Call to ticket. */
  "0-5": 220,
} as const satisfies Record<string, number>;
