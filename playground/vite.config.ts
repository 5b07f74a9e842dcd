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
  build: { rollupOptions: { input: ["index.html", "calling-window.html"] } },
  plugins: [
    {
      // HubSpot's calling window lives at /calling-integration-popup-ui/<portalId> (HubSpot's
      // demos link there with ?usesCallingWindow=false): the playground's stand-in answers there.
      name: "playground-calling-window",
      configureServer(server) {
        server.middlewares.use((request, _response, next) => {
          const url = request.url ?? "";
          if (/^\/calling-integration-popup-ui\/\d+(\?|$)/.test(url)) request.url = `/calling-window.html${url.slice(url.indexOf("?") >= 0 ? url.indexOf("?") : url.length)}`;
          next();
        });
      },
    },
  ],
});
