// JSON log lines pretty-printed on request (the log viewer's "JSON" switch): a line that is a
// JSON object or array (after the timestamp Kubernetes puts first when asked) is shown indented
// and coloured by token; any other line is left as it is.

const timestamp = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d) /;

export interface PrettyJson {
  /** What came before the JSON (a timestamp and its space), kept as it was. */
  prefix: string;
  /** The value, indented by two spaces. */
  pretty: string;
}

export function prettyJson(line: string): PrettyJson | undefined {
  const prefix = timestamp.exec(line)?.[0] ?? "";
  const body = line.slice(prefix.length).trim();
  const first = body[0];
  const last = body[body.length - 1];
  if (!((first === "{" && last === "}") || (first === "[" && last === "]"))) return undefined;
  try {
    return { prefix, pretty: JSON.stringify(JSON.parse(body), null, 2) };
  } catch {
    return undefined;
  }
}

export type JsonTokenKind = "key" | "string" | "number" | "literal" | "plain";

// Over JSON.stringify's own output, so strings are well-formed and keys are the strings before a colon.
const tokens = /("(?:[^"\\]|\\.)*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false|null)\b/g;

/** The pretty text cut into tokens, for colouring; their texts join back to `pretty`. */
export function jsonTokens(pretty: string): { text: string; kind: JsonTokenKind }[] {
  const out: { text: string; kind: JsonTokenKind }[] = [];
  let at = 0;
  for (const m of pretty.matchAll(tokens)) {
    if (m.index > at) out.push({ text: pretty.slice(at, m.index), kind: "plain" });
    if (m[1] !== undefined) {
      out.push({ text: m[1], kind: m[2] ? "key" : "string" });
      if (m[2]) out.push({ text: m[2], kind: "plain" });
    } else out.push({ text: m[0], kind: m[3] !== undefined ? "number" : "literal" });
    at = m.index + m[0].length;
  }
  if (at < pretty.length) out.push({ text: pretty.slice(at), kind: "plain" });
  return out;
}
