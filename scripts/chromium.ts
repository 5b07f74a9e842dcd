import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

/**
 * Finds Debian's Chromium (never Playwright's download, which is blocked here).
 * `CHROMIUM_PATH` wins; then `command -v chromium`; then the usual paths.
 */
export function chromiumPath(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  try {
    const found = execSync("command -v chromium || command -v chromium-browser", {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
    if (found) return found;
  } catch {
    // fall through to the fixed paths
  }
  for (const candidate of ["/usr/bin/chromium", "/usr/bin/chromium-browser"]) {
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(
    "Chromium not found. Install it with `apt-get install -y chromium` or set CHROMIUM_PATH.",
  );
}

/** Launch flags that work on these machines (TOOLCHAIN.md). */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--use-fake-device-for-media-stream",
  "--use-fake-ui-for-media-stream",
];
