// The editor's text as documents (DESIGN §5): each with its object, its kind, where it starts,
// and its syntax errors at line and column. A field path the server names in a rejection
// (`spec.template.spec.containers[0].image`) is found again on its line.
import { isMap, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from "yaml";
import type { K8sObject } from "../../src-shared/kinds/types.ts";

export interface Position {
  /** 1-based, as editors count. */
  line: number;
  column: number;
}

export interface SyntaxProblem extends Position {
  message: string;
}

export interface EditorDocument {
  /** 1-based line of the document's first content (after its `---`). */
  line: number;
  object?: K8sObject;
  apiVersion?: string;
  kind?: string;
  /** Where `name`, else `kind`, is written: where a problem with the whole document is shown. */
  anchor: Position;
  errors: SyntaxProblem[];
  node: Document.Parsed;
}

export interface ParsedText {
  documents: EditorDocument[];
  errors: SyntaxProblem[];
  position(offset: number): Position;
}

const str = (v: unknown) => (typeof v === "string" && v ? v : undefined);

export function parseText(text: string): ParsedText {
  const lines = new LineCounter();
  const position = (offset: number): Position => {
    const p = lines.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const documents: EditorDocument[] = [];
  for (const node of parseAllDocuments(text, { lineCounter: lines, prettyErrors: false })) {
    if (!("contents" in node)) continue;
    const errors = node.errors.map((e) => ({ ...position(e.pos[0]), message: e.message.split("\n")[0] }));
    // Its first content, not its `---`.
    const start = position((node.contents as Node | null)?.range?.[0] ?? node.range[0]);
    let object: K8sObject | undefined;
    if (!errors.length) {
      const js: unknown = node.toJS({ maxAliasCount: 1000 });
      // An empty document (a trailing `---`, comments only) is not an object to send.
      if (js === null || js === undefined) continue;
      if (typeof js === "object" && !Array.isArray(js)) object = js as K8sObject;
      else errors.push({ ...start, message: "a document must be a mapping (apiVersion, kind, metadata …)" });
    }
    const at = (path: (string | number)[]) => {
      const n = node.getIn(path, true) as Node | undefined;
      return n?.range ? position(n.range[0]) : undefined;
    };
    documents.push({
      line: start.line,
      object,
      apiVersion: str(object?.apiVersion),
      kind: str(object?.kind),
      anchor: at(["metadata", "name"]) ?? at(["kind"]) ?? start,
      errors,
      node,
    });
  }
  return { documents, errors: documents.flatMap((d) => d.errors), position };
}

/** `spec.containers[0].image` → ["spec", "containers", 0, "image"]. */
export function fieldPath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]|\[([^\]]*)\]/g)) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else out.push(m[3]);
  }
  return out;
}

/**
 * Where a field the server named is written, or as near as the text allows: keys with dots
 * (`app.kubernetes.io/name`) are tried joined, and a field the user did not write (a required
 * one missing) is shown at its nearest written parent.
 */
export function positionOf(doc: EditorDocument, path: string, position: ParsedText["position"]): Position {
  const parts = fieldPath(path);
  let node: unknown = doc.node.contents;
  let found: Position = doc.anchor;
  for (let i = 0; i < parts.length && node; i++) {
    let next: unknown;
    if (isMap(node)) {
      // The longest run of parts that names one key: label keys hold dots.
      for (let j = parts.length; j > i && next === undefined; j--) {
        const key = parts.slice(i, j).join(".");
        const pair = node.items.find((p) => String((p.key as Node & { value?: unknown })?.toJSON?.() ?? p.key) === key);
        if (pair) {
          next = pair.value ?? pair.key;
          const keyNode = pair.key as Node;
          if (keyNode?.range) found = position(keyNode.range[0]);
          i = j - 1;
        }
      }
    } else if (isSeq(node) && typeof parts[i] === "number") {
      next = node.items[parts[i] as number];
      const n = next as Node | undefined;
      if (n?.range) found = position(n.range[0]);
    }
    node = next;
  }
  return found;
}
