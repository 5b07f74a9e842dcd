import { defineConfig } from "vite";
import { sipPageConfig } from "../vite.shared.ts";

export default defineConfig(sipPageConfig);
