// The change journal on disk (DESIGN §5): one file per change, per cluster, bounded (the
// newest 500 changes and 50 MB by default; older ones go). A file is a log of JSON lines,
// appended and flushed as the change goes: the change's who-what-when first, then each
// object's previous version *before* its request is sent, then what became of it. Appending
// keeps a 1000-document apply linear, and a crash mid-line loses only that line (a torn last
// line is skipped when read). A Secret's versions never reach the disk in clear: they are
// sealed by the OS keychain where there is one, else held in memory for this session only.
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { createHash, randomUUID } from "node:crypto";
import { join } from "node:path";
import { ApiError } from "../../src-shared/api/errors.ts";
import type { ObjectRef } from "../../src-shared/api/refs.ts";
import type { JournalEntryInfo, JournalObjectInfo, JournalWhat } from "../../src-shared/api/types.ts";
import type { K8sObject } from "../../src-shared/kinds/types.ts";
import type { Sealer } from "./sealer.ts";

export interface JournalLimits {
  entries: number;
  bytes: number;
}

/** An object's versions, as recorded: whole, Secret values included, for Revert to put back. */
export interface Versions {
  before?: K8sObject;
  after?: K8sObject;
}

/** An entry as read back: what lists show, plus each object's API path and versions (undefined where not kept). */
export interface StoredEntry {
  info: JournalEntryInfo;
  objects: (JournalObjectInfo & { path: string; versions?: Versions })[];
}

type Line =
  | { t: "entry"; id: string; context: string; at: string; who: string; what: JournalWhat; revertOf?: string }
  | { t: "object"; i: number; ref: ObjectRef; path: string; kind: string; kept: JournalObjectInfo["kept"]; before?: K8sObject; sealed?: string }
  | { t: "after"; i: number; change: JournalObjectInfo["change"]; after?: K8sObject; sealed?: string }
  | { t: "reverted"; by: string };

interface Held {
  file: string;
  bytes: number;
  entry: StoredEntry;
}

const changed = new Set<JournalObjectInfo["change"]>(["created", "changed", "deleted"]);
const isSecretRef = (r: ObjectRef) => r.group === "" && r.resource === "secrets";

export class JournalStore {
  private readonly dir: string;
  private readonly sealer?: Sealer;
  private readonly limits: JournalLimits;
  /** Per context, every entry, oldest first: read from disk once, then kept up to date. */
  private readonly contexts = new Map<string, Map<string, Held>>();
  /** Secret versions without a keychain, by entry id and object index: this session only. */
  private readonly memory = new Map<string, Versions>();
  /** Files that could not be read, set aside: said once, never overwritten. */
  readonly problems: string[] = [];

  constructor(dir: string, sealer?: Sealer, limits: JournalLimits = { entries: 500, bytes: 50 << 20 }) {
    this.dir = dir;
    this.sealer = sealer;
    this.limits = limits;
  }

  private folder(context: string) {
    // Context names may hold any character; the folder is named by a hash, the entries name the context.
    return join(this.dir, createHash("sha256").update(context).digest("hex").slice(0, 24));
  }

  private entries(context: string): Map<string, Held> {
    let held = this.contexts.get(context);
    if (held) return held;
    held = new Map();
    const folder = this.folder(context);
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    for (const f of readdirSync(folder)
      .filter((f) => f.endsWith(".jsonl"))
      .sort()) {
      const file = join(folder, f);
      try {
        const entry = this.parse(readFileSync(file, "utf8"));
        held.set(entry.info.id, { file, bytes: statSync(file).size, entry });
      } catch (e) {
        const aside = `${file}.unreadable-${Date.now()}`;
        renameSync(file, aside);
        const problem = `change journal file ${file} could not be read (${(e as Error).message}); it was kept as ${aside}`;
        this.problems.push(problem);
        console.error(`kubedeck: ${problem}`);
      }
    }
    this.contexts.set(context, held);
    return held;
  }

  private parse(text: string): StoredEntry {
    const lines = text.split("\n");
    let entry: StoredEntry | undefined;
    for (const [n, raw] of lines.entries()) {
      if (!raw) continue;
      let line: Line;
      try {
        line = JSON.parse(raw) as Line;
      } catch {
        // A torn last line (a crash while appending) loses only itself.
        if (n === lines.length - 1 || (n === lines.length - 2 && !lines[lines.length - 1])) continue;
        throw new Error(`line ${n + 1} is not JSON`);
      }
      if (line.t === "entry") {
        const { t: _t, ...info } = line;
        entry = { info: { ...info, objects: [] }, objects: [] };
      } else if (!entry) throw new Error("it does not begin with the change it records");
      else if (line.t === "object") {
        const versions = this.open(line.kept, line.sealed, line.before === undefined ? {} : { before: line.before }, `${entry.info.id}/${line.i}`);
        const o = { ref: line.ref, kind: line.kind, change: "pending" as const, kept: versions ? line.kept : ("gone" as const), path: line.path, versions };
        entry.objects[line.i] = o;
        entry.info.objects[line.i] = { ref: o.ref, kind: o.kind, change: o.change, kept: o.kept };
      } else if (line.t === "after") {
        const o = entry.objects[line.i];
        if (!o) throw new Error(`line ${n + 1} names object ${line.i}, which it has not recorded`);
        o.change = entry.info.objects[line.i].change = line.change;
        if (o.kept === "sealed" && line.sealed && o.versions)
          o.versions.after = (JSON.parse(this.sealer!.open(Buffer.from(line.sealed, "base64"))) as Versions).after;
        else if (o.kept === "disk" && o.versions) o.versions.after = line.after;
      } else if (line.t === "reverted") entry.info.revertedBy = line.by;
    }
    if (!entry) throw new Error("it is empty");
    return entry;
  }

  /** An object's versions from a line: in clear, sealed, or in memory (undefined once the session that held them ended). */
  private open(kept: JournalObjectInfo["kept"], sealed: string | undefined, clear: Versions, key: string): Versions | undefined {
    if (kept === "disk") return clear;
    if (kept === "sealed") {
      if (!this.sealer || !sealed) return undefined;
      return JSON.parse(this.sealer.open(Buffer.from(sealed, "base64"))) as Versions;
    }
    const held = this.memory.get(key);
    return held && structuredClone(held);
  }

  private append(held: Held, line: Line) {
    const text = `${JSON.stringify(line)}\n`;
    // Flushed before the request it precedes is sent: a crash right after still leaves the previous version.
    const fd = openSync(held.file, "a", 0o600);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    held.bytes += Buffer.byteLength(text);
  }

  private held(context: string, id: string): Held {
    const held = this.entries(context).get(id);
    if (!held)
      throw new ApiError({ code: "NotFound", message: `the change ${id} is no longer in ${context}'s journal (older changes make room for newer ones)` });
    return held;
  }

  private sequence = 0;

  /** Starts an entry; its id. */
  begin(meta: { context: string; who: string; what: JournalWhat; revertOf?: string }): string {
    const id = randomUUID();
    const at = new Date().toISOString();
    const held: Held = {
      // Named so that names sort as the changes were made: two in the same millisecond by a counter, not by their random ids.
      file: join(this.folder(meta.context), `${at.replace(/[:.]/g, "-")}-${String(this.sequence++).padStart(8, "0")}-${id}.jsonl`),
      bytes: 0,
      entry: { info: { id, at, ...meta, objects: [] }, objects: [] },
    };
    const entries = this.entries(meta.context);
    this.append(held, { t: "entry", id, at, ...meta });
    entries.set(id, held);
    return id;
  }

  /** Records an object's version before it is changed; its index in the entry. */
  addObject(context: string, id: string, o: { ref: ObjectRef; path: string; kind: string; before?: K8sObject }): number {
    const held = this.held(context, id);
    const i = held.entry.objects.length;
    const kept: JournalObjectInfo["kept"] = !isSecretRef(o.ref) ? "disk" : this.sealer ? "sealed" : "memory";
    const versions: Versions = o.before ? { before: structuredClone(o.before) } : {};
    const line: Line = { t: "object", i, ref: o.ref, path: o.path, kind: o.kind, kept };
    if (kept === "disk" && o.before) line.before = o.before;
    if (kept === "sealed") line.sealed = this.sealer!.seal(JSON.stringify(versions)).toString("base64");
    if (kept === "memory") this.memory.set(`${id}/${i}`, versions);
    this.append(held, line);
    held.entry.objects[i] = { ref: o.ref, kind: o.kind, change: "pending", kept, path: o.path, versions };
    held.entry.info.objects[i] = { ref: o.ref, kind: o.kind, change: "pending", kept };
    return i;
  }

  /** What became of an object the entry recorded. */
  setAfter(context: string, id: string, i: number, change: JournalObjectInfo["change"], after?: K8sObject) {
    const held = this.held(context, id);
    const o = held.entry.objects[i];
    const line: Line = { t: "after", i, change };
    if (o.kept === "disk") line.after = after;
    if (o.kept === "sealed") line.sealed = this.sealer!.seal(JSON.stringify({ after })).toString("base64");
    if (o.kept === "memory") {
      const kept = this.memory.get(`${id}/${i}`);
      if (kept) kept.after = after && structuredClone(after);
    }
    this.append(held, line);
    o.change = held.entry.info.objects[i].change = change;
    if (o.versions) o.versions.after = after && structuredClone(after);
  }

  markReverted(context: string, id: string, by: string) {
    const held = this.held(context, id);
    this.append(held, { t: "reverted", by });
    held.entry.info.revertedBy = by;
  }

  /** Ends an entry: one that changed nothing goes; then the oldest go until the journal is within its bounds. */
  finish(context: string, id: string) {
    const entries = this.entries(context);
    const held = entries.get(id);
    if (held && !held.entry.objects.some((o) => changed.has(o.change))) this.remove(entries, id);
    let bytes = [...entries.values()].reduce((n, h) => n + h.bytes, 0);
    for (const [oldest, h] of entries) {
      if (entries.size <= this.limits.entries && bytes <= this.limits.bytes) break;
      if (oldest === id) break;
      bytes -= h.bytes;
      this.remove(entries, oldest);
    }
  }

  private remove(entries: Map<string, Held>, id: string) {
    const held = entries.get(id);
    if (!held) return;
    entries.delete(id);
    for (let i = 0; i < held.entry.objects.length; i++) this.memory.delete(`${id}/${i}`);
    rmSync(held.file, { force: true });
  }

  /** A context's entries, newest first. */
  list(context: string): JournalEntryInfo[] {
    return [...this.entries(context).values()].reverse().map((h) => structuredClone(h.entry.info));
  }

  read(context: string, id: string): StoredEntry {
    return structuredClone(this.held(context, id).entry);
  }
}
