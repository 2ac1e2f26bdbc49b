// Drafts (DESIGN §5): what the user typed in the editor, kept by main as they type, so that
// closing the editor, a reload or a crash loses nothing until it is applied or discarded.
// One JSON file per draft in the user-data folder, written atomically. A draft holding a
// Secret never reaches the disk in clear: it is sealed with the OS keychain where the app
// has one (Electron's safeStorage), and otherwise kept in memory for this session only,
// which the editor says.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { ApiError } from "../../src-shared/api/errors.ts";
import type { Draft, DraftInfo, DraftInput } from "../../src-shared/api/types.ts";
import { holdsSecret } from "../../src-shared/k8s/yaml-kinds.ts";
import { writeFileAtomic } from "./atomic-file.ts";
import type { Sealer } from "./sealer.ts";

/** What a draft file holds: the draft, its text either in clear or sealed (base64). */
type Stored = Omit<Draft, "text" | "kept"> & ({ text: string } | { sealed: string });

const idPattern = /^[0-9a-f-]{36}$/;

export class DraftStore {
  private readonly dir: string;
  private readonly sealer?: Sealer;
  private readonly memory = new Map<string, Draft>();
  private lastSave = 0;
  /** What list() answers, kept up to date by save and discard: the files are read once, not at every save of a 5 MB draft. */
  private infos?: Map<string, DraftInfo>;
  /** Files that could not be read, set aside: said once, never overwritten. */
  readonly problems: string[] = [];

  constructor(dir: string, sealer?: Sealer) {
    this.dir = dir;
    this.sealer = sealer;
    mkdirSync(dir, { recursive: true });
  }

  private file(id: string) {
    if (!idPattern.test(id)) throw new ApiError({ code: "Invalid", message: `no draft ${id}` });
    return join(this.dir, `${id}.json`);
  }

  private read(id: string): Draft | undefined {
    const kept = this.memory.get(id);
    if (kept) return structuredClone(kept);
    const path = this.file(id);
    if (!existsSync(path)) return undefined;
    try {
      const stored = JSON.parse(readFileSync(path, "utf8")) as Stored;
      if ("sealed" in stored) {
        if (!this.sealer) throw new Error("it is sealed by the OS keychain, which this session cannot use");
        const { sealed, ...rest } = stored;
        return { ...rest, text: this.sealer.open(Buffer.from(sealed, "base64")), kept: "sealed" };
      }
      return { ...stored, kept: "disk" };
    } catch (e) {
      const aside = `${path}.unreadable-${Date.now()}`;
      renameSync(path, aside);
      const problem = `draft ${path} could not be read (${(e as Error).message}); it was kept as ${aside}`;
      this.problems.push(problem);
      console.error(`kubedeck: ${problem}`);
      return undefined;
    }
  }

  /** Saves (or creates, without an id) a draft; says where it is kept. */
  save(input: DraftInput): DraftInfo {
    const id = input.id ?? randomUUID();
    // Strictly later than the last save, so that "newest first" holds within one millisecond.
    this.lastSave = Math.max(Date.now(), this.lastSave + 1);
    const draft: Draft = { ...input, id, updatedAt: new Date(this.lastSave).toISOString(), kept: "disk" };
    const path = this.file(id);
    if (!holdsSecret(input.text)) {
      this.memory.delete(id);
      const { kept: _kept, ...stored } = draft;
      writeFileAtomic(path, JSON.stringify(stored));
    } else if (this.sealer) {
      this.memory.delete(id);
      const { kept: _kept, text, ...rest } = draft;
      writeFileAtomic(path, JSON.stringify({ ...rest, sealed: this.sealer.seal(text).toString("base64") }));
      draft.kept = "sealed";
    } else {
      // No keychain: a Secret's draft lives as long as this process, and any earlier copy on disk goes.
      rmSync(path, { force: true });
      draft.kept = "memory";
      this.memory.set(id, draft);
    }
    this.infos?.set(id, info(draft));
    return info(draft);
  }

  get(id: string): Draft {
    const d = this.read(id);
    if (!d) throw new ApiError({ code: "NotFound", message: `the draft is gone (applied or discarded meanwhile?)` });
    return d;
  }

  list(): DraftInfo[] {
    if (!this.infos) {
      this.infos = new Map([...this.memory.values()].map((d) => [d.id, info(d)]));
      for (const f of readdirSync(this.dir)) {
        const d = f.endsWith(".json") && idPattern.test(f.slice(0, -5)) ? this.read(f.slice(0, -5)) : undefined;
        if (d) this.infos.set(d.id, info(d));
      }
    }
    return [...this.infos.values()].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }

  discard(id: string) {
    this.infos?.delete(id);
    this.memory.delete(id);
    rmSync(this.file(id), { force: true });
  }
}

function info({ text, ...rest }: Draft): DraftInfo {
  return { ...rest, size: text.length };
}
