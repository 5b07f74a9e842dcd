/// <reference types="vite/client" />

interface ImportMetaEnv {
  /**
   * The origin of a page allowed to play HubSpot besides HubSpot itself (the
   * local playground). Defaults to http://localhost:5173 in `vite` dev mode
   * only; a production build allows no extra origin unless you set it.
   */
  readonly VITE_PLAYGROUND_ORIGIN?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
