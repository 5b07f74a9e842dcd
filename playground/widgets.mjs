// The widgets the playground offers in its provider picker, and where their
// Vite projects live. Adding one (e.g. the React starter) is one line here:
//   { id: "react", name: "Acme Phone (React)", dir: "examples/react" },
// scripts/dev.mjs serves each on its own 127.0.0.1 port (WIDGET_PORT, then
// the next ports in this order), with the folder's vite.config.ts or, without
// one, as it is; each with a Vite pre-bundle of its own, so a folder without
// its own package.json is fine. A widget served elsewhere needs no entry:
// `npm run dev -- --widget-url <url>`.

/** @type {readonly { id: string; name: string; dir: string }[]} */
export const WIDGETS = [
  { id: "vanilla", name: "Acme Phone (vanilla starter)", dir: "examples/vanilla" },
  { id: "react", name: "Acme Phone (React starter)", dir: "examples/react" },
];
