// Vite settings of the two SIP playground pages (the widget and the callee):
// the library's source instead of a build, sip.js pre-bundled.
import { fileURLToPath } from "node:url";
import type { UserConfig } from "vite";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

export const sipPageConfig: UserConfig = {
  resolve: {
    alias: [
      { find: /^hubspot-calling-kit$/, replacement: `${repoRoot}src/index.ts` },
      { find: /^hubspot-calling-kit\/(.+)$/, replacement: `${repoRoot}src/$1/index.ts` },
    ],
  },
  server: { host: "127.0.0.1", fs: { allow: [repoRoot] } },
  optimizeDeps: { include: ["@hubspot/calling-extensions-sdk", "sip.js"] },
};
