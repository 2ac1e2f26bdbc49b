import react from "@vitejs/plugin-react";
import { defineConfig } from "electron-vite";
import { resolve } from "node:path";

// Three bundles (DESIGN §1): main (two entries: the Electron app and `serve` for the
// browser), the preload, and the renderer.
export default defineConfig({
  main: {
    build: {
      rolldownOptions: {
        input: {
          index: resolve("src-main/electron/main.ts"),
          serve: resolve("src-main/server/serve.ts"),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload must be CommonJS.
      rolldownOptions: { input: { index: resolve("src-preload/index.ts") }, output: { format: "cjs", entryFileNames: "[name].cjs" } },
    },
  },
  renderer: {
    root: "src-renderer",
    plugins: [react()],
    // Minified: electron-vite leaves it off by default, and the renderer is what loads at start.
    // Monaco's chunk (2.3 MB) is over Vite's 500 kB warning by nature and loads only with the
    // editor; e2e/bundle.int.test.ts keeps what loads at start under 700 KB.
    build: { minify: true, chunkSizeWarningLimit: 2500, rolldownOptions: { input: resolve("src-renderer/index.html") } },
  },
});
