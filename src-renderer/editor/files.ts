// Files and folders opened into the editor (`kubectl apply -f FILE|DIR`): as kubectl does with
// a folder, only its .yaml, .yml and .json files, in path order; each becomes one or more
// documents, headed by a comment naming it so a problem can be traced to its file.

/** The editor's limit (a draft holds at most 12 MiB): larger is refused, naming the file. */
const maxBytes = 12 << 20;
const manifest = /\.(ya?ml|json)$/i;

export type ReadFiles = { ok: true; text: string } | { ok: false; problem: "none" | "tooBig" | "unreadable" | "notText"; file: string; reason?: string };

const pathOf = (f: File) => f.webkitRelativePath || f.name;

export async function readYamlFiles(files: File[]): Promise<ReadFiles> {
  const chosen = files.filter((f) => manifest.test(f.name)).sort((a, b) => pathOf(a).localeCompare(pathOf(b)));
  if (!chosen.length) return { ok: false, problem: "none", file: files.map(pathOf).slice(0, 3).join(", ") };
  const total = chosen.reduce((n, f) => n + f.size, 0);
  if (total > maxBytes)
    return { ok: false, problem: "tooBig", file: chosen.length === 1 ? pathOf(chosen[0]) : `${chosen.length}`, reason: `${Math.ceil(total / 1024)} KiB` };
  const parts: string[] = [];
  for (const f of chosen) {
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(await f.arrayBuffer());
    } catch (e) {
      const reason = (e as Error).message;
      return { ok: false, problem: e instanceof TypeError ? "notText" : "unreadable", file: pathOf(f), reason };
    }
    // A file's own leading "---" would make an empty document after the header.
    parts.push(`# ${pathOf(f)}\n${text.replace(/^\uFEFF/, "").replace(/^---[ \t]*\n/, "")}`);
  }
  return { ok: true, text: parts.map((p) => (p.endsWith("\n") ? p : `${p}\n`)).join("---\n") };
}
