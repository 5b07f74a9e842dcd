// Vite config of the starter widget. Copied out of the repository it is a
// plain Vite app that imports `hubspot-calling-kit` from npm; inside the
// repository it imports the library's source instead, so `npm run dev` at
// the root works without a build step.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const repoSource = `${repoRoot}src/`;
const inRepo = existsSync(`${repoSource}index.ts`) && existsSync(`${repoRoot}examples/vanilla/vite.config.ts`);

export default defineConfig({
  resolve: {
    alias: inRepo
      ? [
          { find: /^hubspot-calling-kit$/, replacement: `${repoSource}index.ts` },
          { find: /^hubspot-calling-kit\/(.+)$/, replacement: `${repoSource}$1/index.ts` },
        ]
      : [],
  },
  server: {
    // The widget runs on another origin than the page playing HubSpot, as in production.
    host: "127.0.0.1",
    port: 5174,
    strictPort: true,
    ...(inRepo ? { fs: { allow: [repoRoot] } } : {}),
  },
  // Pre-bundled once, so the page is not reloaded while the SDK is discovered.
  optimizeDeps: { include: ["@hubspot/calling-extensions-sdk"] },
});
