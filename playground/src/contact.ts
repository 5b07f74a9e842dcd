// The CRM record the playground shows: the person the user calls.

/** The contact on the record page. */
export const CONTACT = {
  id: 3_000_000_101,
  objectTypeId: "0-1",
  firstName: "Ada",
  lastName: "Lovelace",
  title: "Head of Analytics",
  company: "Analytical Engines Ltd",
  email: "ada@analytical-engines.example",
  phone: "+1 (617) 555-0100",
  owner: "Demo User",
  lifecycle: "Sales qualified lead",
} as const;

/** The number incoming calls in the playground come from, and the user's line they reach. */
export const INCOMING = { from: CONTACT.phone, to: "+1 617 555 0199" } as const;
