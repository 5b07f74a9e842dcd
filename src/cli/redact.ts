import { escapeControl } from "./escapeControl";

/**
 * @internal Wraps a writer so that none of `secrets` (API keys) is ever
 * written, whatever text reaches it: HubSpot's messages, commander's usage
 * errors, a stack. Secrets can be added after creation.
 */
export interface Redactor {
  /** Adds a value that must never be printed. */
  add(secret: string | undefined): void;
  /**
   * Returns `write` with every secret replaced by `[redacted]` and every
   * terminal control character escaped (see `escapeControl`).
   */
  wrap(write: (text: string) => void): (text: string) => void;
}

// Every way a secret can appear in output: as given, inside a JSON string
// (--json escapes quotes, backslashes and control characters), and
// URL-encoded (an address in an error message), longest first so a key that
// contains another is fully hidden.
function forms(secrets: ReadonlySet<string>): string[] {
  const all = new Set<string>();
  for (const secret of secrets) {
    all.add(secret);
    all.add(JSON.stringify(secret).slice(1, -1));
    all.add(encodeURIComponent(secret));
    all.add(new URLSearchParams({ k: secret }).toString().slice(2));
    all.add(escapeControl(secret));
  }
  return [...all].filter((form) => form !== "").sort((a, b) => b.length - a.length);
}

/** @internal */
export function createRedactor(): Redactor {
  const secrets = new Set<string>();
  return {
    add(secret) {
      if (secret !== undefined && secret.trim() !== "") secrets.add(secret);
    },
    wrap(write) {
      return (text) => {
        let safe = text;
        // Longest first, so a key that contains another is fully hidden.
        for (const form of forms(secrets)) safe = safe.split(form).join("[redacted]");
        write(escapeControl(safe));
      };
    },
  };
}

// A flag whose name looks like a credential, however it is spelled:
// --api-key, --apikey, --apiKey, --api_key, --hapikey, --token,
// --access-token, --secret, --password, --auth... (compared without case,
// dashes or underscores).
const CREDENTIAL_FLAG = /key|token|secret|pass|auth|cred|bearer/;

/**
 * @internal Values given to flags that look like credentials, in both
 * forms (`--api-key k` and `--api-key=k`), including mistyped ones that the
 * CLI does not know (`--apikey=k`, `--token k`): commander echoes an unknown
 * option in its error, and the value must not appear there either.
 */
export function apiKeysInArgv(argv: readonly string[]): string[] {
  const keys: string[] = [];
  const end = argv.indexOf("--");
  const flags = end === -1 ? argv : argv.slice(0, end);
  flags.forEach((arg, index) => {
    const found = /^-{1,2}([^=]+)(=([\s\S]*))?$/.exec(arg);
    if (!found) return;
    const name = (found[1] ?? "").toLowerCase().replace(/[-_]/g, "");
    if (!CREDENTIAL_FLAG.test(name)) return;
    if (found[2] !== undefined) keys.push(found[3] ?? "");
    else if (flags[index + 1] !== undefined && !(flags[index + 1] as string).startsWith("-")) {
      keys.push(flags[index + 1] as string);
    }
  });
  return keys;
}
