import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultSettings } from "../../src-shared/api/types.ts";
import { SettingsStore } from "./settings.ts";

const fresh = () => join(mkdtempSync(join(tmpdir(), "kubedeck-settings-")), "settings.json");

describe("SettingsStore", () => {
  it("starts from defaults and writes changes whole", () => {
    const path = fresh();
    const store = new SettingsStore(path);
    expect(store.get()).toEqual(defaultSettings);
    store.update((s) => void (s.theme = "dark"));
    expect(JSON.parse(readFileSync(path, "utf8")).theme).toBe("dark");
    expect(new SettingsStore(path).get().theme).toBe("dark");
    // No temporary file is left beside it.
    expect(readdirSync(join(path, ".."))).toEqual(["settings.json"]);
  });

  it("sets an unreadable file aside instead of overwriting it", () => {
    const path = fresh();
    writeFileSync(path, '{"theme": "dark", ');
    const store = new SettingsStore(path);
    expect(store.problem).toMatch(/could not be read .* kept as .*settings\.json\.unreadable-\d+/);
    expect(store.get()).toEqual(defaultSettings);
    const aside = readdirSync(join(path, "..")).find((f) => f.startsWith("settings.json.unreadable-"))!;
    expect(readFileSync(join(path, "..", aside), "utf8")).toBe('{"theme": "dark", ');
    expect(existsSync(path)).toBe(false);
  });

  it("keeps settings it does not know, and fills in new ones", () => {
    const path = fresh();
    writeFileSync(path, JSON.stringify({ theme: "light", futureSetting: 1 }));
    const s = new SettingsStore(path).get() as unknown as Record<string, unknown>;
    expect(s).toMatchObject({ theme: "light", futureSetting: 1, language: "system" });
  });
});
