// Vite config of the React starter widget. Copied out of the repository it is
// a plain React + Vite app that imports `hubspot-calling-kit` from npm; inside
// the repository it imports the library's source instead, so `npm run dev`
// at the root works without a build step.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const repoSource = `${repoRoot}src/`;
const inRepo = existsSync(`${repoSource}index.ts`) && existsSync(`${repoRoot}examples/react/vite.config.ts`);

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: inRepo
      ? [
          { find: /^hubspot-calling-kit$/, replacement: `${repoSource}index.ts` },
          { find: /^hubspot-calling-kit\/(.+)$/, replacement: `${repoSource}$1/index.ts` },
        ]
      : [],
    // One React, also for the library's source outside this folder.
    dedupe: ["react", "react-dom"],
  },
  server: {
    // The widget runs on another origin than the page playing HubSpot, as in production.
    host: "127.0.0.1",
    port: Number(process.env.REACT_WIDGET_PORT) || 5175,
    strictPort: true,
    ...(inRepo ? { fs: { allow: [repoRoot] } } : {}),
  },
  // Pre-bundled once, so the page is not reloaded while dependencies are discovered.
  optimizeDeps: {
    include: ["@hubspot/calling-extensions-sdk", "react", "react-dom/client", "react/jsx-dev-runtime"],
  },
});
