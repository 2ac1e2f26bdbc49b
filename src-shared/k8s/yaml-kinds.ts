// Each document's apiVersion and kind in a YAML text, without parsing it: the editor asks on
// every pause in typing and main asks of every draft it stores, so it must stay cheap at 5 MB.

export interface KindLine {
  apiVersion?: string;
  kind?: string;
  /** The line of `kind:` (or of the document's start when it has none). */
  line: number;
}

const topKey = /^(apiVersion|kind):[ \t]*["']?([^\s"'#]+)/;

/** Each document's apiVersion and kind, line by line (the full parse waits for Review). */
export function scanKinds(text: string): KindLine[] {
  const out: KindLine[] = [];
  let cur: KindLine = { line: 1 };
  let line = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    line++;
    const first = text.charCodeAt(start);
    // Only lines starting with "-" or "a"/"k" can matter: most lines are skipped at one character.
    if (first === 45 && text.startsWith("---", start)) {
      if (cur.kind || cur.apiVersion) out.push(cur);
      cur = { line: line + 1 };
    } else if (first === 97 || first === 107) {
      const m = topKey.exec(text.slice(start, Math.min(end, start + 400)));
      if (m?.[1] === "apiVersion") cur.apiVersion = m[2];
      else if (m) {
        cur.kind = m[2];
        cur.line = line;
      }
    }
    start = end + 1;
  }
  if (cur.kind || cur.apiVersion) out.push(cur);
  return out;
}

/** Whether any document of the text is a Secret (core v1, or not yet said). */
export const holdsSecret = (text: string): boolean => scanKinds(text).some((k) => k.kind === "Secret" && (k.apiVersion ?? "v1") === "v1");
