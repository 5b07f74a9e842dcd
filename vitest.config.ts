import { playwright } from "@vitest/browser-playwright";
import { defineConfig } from "vitest/config";
import { CHROMIUM_ARGS, chromiumPath } from "./scripts/chromium.ts";

const wantsBrowser = process.env.VITEST_NO_BROWSER !== "1";

export default defineConfig({
  test: {
    // The SDK logs every message with console.debug; keep test output readable.
    onConsoleLog(log) {
      if (log.includes("[calling-extensions-sdk@")) return false;
      return undefined;
    },
    projects: [
      {
        extends: true as const,
        ssr: { resolve: { mainFields: ["module", "main"] } },
        test: {
          name: "unit",
          environment: "node",
          include: ["test/**/*.test.ts"],
          exclude: ["test/browser/**", "test/e2e/**", "node_modules/**"],
          typecheck: {
            enabled: true,
            include: ["test/**/*.test-d.ts"],
            tsconfig: "./tsconfig.test.json",
          },
        },
      },
      {
        extends: true as const,
        test: {
          name: "e2e",
          environment: "node",
          // Builds dist/ when it is missing or older than the sources (a fresh clone).
          globalSetup: ["./test/support/ensureBuilt.ts"],
          include: ["test/e2e/**/*.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      ...(wantsBrowser
        ? [
            {
              extends: true as const,
              optimizeDeps: {
                include: ["@hubspot/calling-extensions-sdk", "fast-check"],
              },
              server: { host: "127.0.0.1" },
              test: {
                name: "browser",
                include: ["test/browser/**/*.test.ts"],
                testTimeout: 30_000,
                browser: {
                  enabled: true,
                  headless: true,
                  screenshotFailures: false,
                  provider: playwright({
                    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
                  }),
                  instances: [{ browser: "chromium" as const }],
                },
              },
            },
          ]
        : []),
    ],
  },
});
