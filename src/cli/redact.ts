/**
 * @internal Wraps a writer so that none of `secrets` (API keys) is ever
 * written, whatever text reaches it: HubSpot's messages, commander's usage
 * errors, a stack. Secrets can be added after creation.
 */
export interface Redactor {
  /** Adds a value that must never be printed. */
  add(secret: string | undefined): void;
  /** Returns `write` with every secret replaced by `[redacted]`. */
  wrap(write: (text: string) => void): (text: string) => void;
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
        for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
          safe = safe.split(secret).join("[redacted]");
          safe = safe.split(encodeURIComponent(secret)).join("[redacted]");
        }
        write(safe);
      };
    },
  };
}

/** @internal Values given to `--api-key` (both `--api-key k` and `--api-key=k`). */
export function apiKeysInArgv(argv: readonly string[]): string[] {
  const keys: string[] = [];
  argv.forEach((arg, index) => {
    if (arg === "--api-key" && argv[index + 1] !== undefined) keys.push(argv[index + 1] as string);
    else if (arg.startsWith("--api-key=")) keys.push(arg.slice("--api-key=".length));
  });
  return keys;
}
