// The renderer grows by view (DESIGN §2): what the app loads at start stays small, and the
// large parts — the workspace, the details panel with its YAML library, the palette with its
// fuzzy search, the action table with its schemas — arrive when first used. Reads the build
// that `npm test` makes first (like the browser suites).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoDir } from "./sandbox/paths.ts";

const dir = join(repoDir, "out", "renderer");
const html = readFileSync(join(dir, "index.html"), "utf8");
/** The entry and every chunk the page preloads: what runs before the first screen. */
const initial = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
const all = readdirSync(join(dir, "assets")).filter((f) => f.endsWith(".js"));
const text = (f: string) => readFileSync(join(dir, f), "utf8");

describe("the renderer's bundle", () => {
  it("loads less than 700 KB of script at start", () => {
    const bytes = initial.reduce((n, f) => n + statSync(join(dir, f)).size, 0);
    expect(initial.some((f) => /\/index-[\w-]+\.js$/.test(f))).toBe(true);
    expect(bytes).toBeLessThan(700_000);
  });

  it("loads the views and the large libraries when first used", () => {
    for (const view of [
      "ClusterWorkspace",
      "ResourceDetails",
      "PaletteDialog",
      "ActionDialog",
      "EditorDialog",
      "Terminal",
      "LogViewer",
      "JournalView",
      "KeySheet",
      "ConnectionCheckDialog",
    ]) {
      expect(
        all.some((f) => f.startsWith(`${view}-`)),
        `${view} has a chunk of its own`,
      ).toBe(true);
      expect(
        initial.some((f) => f.startsWith(`assets/${view}-`)),
        `${view} is not loaded at start`,
      ).toBe(false);
    }
    const atStart = initial.map(text).join("\n");
    // zod (the action table's schemas), fuzzysort (the palette), Monaco (the YAML editor) and
    // xterm (the terminal) are in the build, later.
    for (const marker of ["ZodError", "fuzzysort", "editor.action.triggerSuggest", "xterm-helper-textarea"]) {
      expect(
        all.some((f) => text(`assets/${f}`).includes(marker)),
        marker,
      ).toBe(true);
      expect(atStart.includes(marker), `${marker} at start`).toBe(false);
    }
  });

  it("bundles Monaco and its workers for offline use: only the YAML language, nothing fetched from a CDN", () => {
    // The editor worker and monaco-yaml's, built from our own entry points.
    expect(all.filter((f) => /^(editor|yaml)\.worker-[\w-]+\.js$/.test(f))).toHaveLength(2);
    // No other language's worker (JSON, CSS, HTML, TypeScript).
    expect(all.filter((f) => /(json|css|html|ts)\.worker/.test(f))).toEqual([]);
    // Monaco's AMD loader fetches `…/min/vs/…` from a CDN; our build never refers to it.
    for (const f of all) expect(text(`assets/${f}`).includes("/min/vs/"), f).toBe(false);
  });
});
