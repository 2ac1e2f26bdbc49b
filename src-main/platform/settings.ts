// The user's settings: one JSON file in the app's user-data folder, written atomically.
// A file that cannot be read is set aside (never overwritten) and defaults are used.
import { existsSync, mkdirSync, readFileSync, renameSync } from "node:fs";
import { dirname } from "node:path";
import { defaultSettings, type Settings } from "../../src-shared/api/types.ts";
import { writeFileAtomic } from "./atomic-file.ts";

type Listener = (s: Settings) => void;

export class SettingsStore {
  private value: Settings;
  private listeners = new Set<Listener>();
  /** Set when the file on disk was unreadable and had to be set aside. */
  readonly problem?: string;
  private readonly path: string;

  constructor(path: string) {
    this.path = path;
    mkdirSync(dirname(path), { recursive: true });
    this.value = { ...defaultSettings };
    if (!existsSync(path)) return;
    try {
      const parsed = JSON.parse(readFileSync(path, "utf8"));
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("not a JSON object");
      this.value = { ...defaultSettings, ...parsed };
    } catch (e) {
      const aside = `${path}.unreadable-${Date.now()}`;
      renameSync(path, aside);
      this.problem = `${path} could not be read (${(e as Error).message}); it was kept as ${aside} and defaults are used`;
    }
  }

  get(): Settings {
    return structuredClone(this.value);
  }

  /** `change` edits the copy it is given, or returns the settings to keep. */
  update(change: (s: Settings) => Settings | void): Settings {
    const draft = structuredClone(this.value);
    const next = change(draft) ?? draft;
    writeFileAtomic(this.path, JSON.stringify(next, null, 2) + "\n");
    this.value = next;
    for (const l of this.listeners) l(this.get());
    return this.get();
  }

  onChange(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
}
