// Vite config of the playground page (the part of HubSpot a calling vendor
// cares about). `npm run dev` (scripts/dev.mjs) starts it together with the
// example widgets; it imports the library's source, so no build is needed.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const repoRoot = fileURLToPath(new URL("../", import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  resolve: {
    alias: [
      { find: /^hubspot-calling-kit$/, replacement: `${repoRoot}src/index.ts` },
      { find: /^hubspot-calling-kit\/(.+)$/, replacement: `${repoRoot}src/$1/index.ts` },
    ],
  },
  server: { host: "127.0.0.1", port: 5173, strictPort: true, fs: { allow: [repoRoot] } },
  optimizeDeps: { include: ["@hubspot/calling-extensions-sdk"] },
});
