// The one change Kubedeck makes to a kubeconfig file, on an explicit user action: a context's
// default namespace. The file is edited as text at the one place that changes, so everything
// else (comments, order, quoting, other contexts, credentials) stays byte for byte; the
// result is parsed again and checked before the caller writes it (atomically, after a backup).
import { isMap, isScalar, isSeq, parseDocument, type YAMLMap } from "yaml";

/** `text` with context `name`'s namespace set to `namespace`; throws saying why when it cannot. */
export function setContextNamespace(text: string, name: string, namespace: string): string {
  const doc = parseDocument(text, { keepSourceTokens: true });
  if (doc.errors.length) throw new Error(`the file is not valid YAML: ${doc.errors[0].message}`);
  const contexts = doc.get("contexts", true);
  if (!isSeq(contexts)) throw new Error("the file has no contexts list");
  const entry = contexts.items.find((i) => isMap(i) && i.get("name") === name) as YAMLMap | undefined;
  if (!entry) throw new Error(`the file has no context "${name}"`);
  const context = entry.get("context", true);
  if (!isMap(context) || !context.range) throw new Error(`context "${name}" has no context: map to hold a namespace`);
  // Namespace names are DNS labels: they need no quoting in YAML.
  const existing = context.items.find((p) => isScalar(p.key) && p.key.value === "namespace");
  let edited: string;
  if (existing && isScalar(existing.value) && existing.value.range) {
    const [start, end] = existing.value.range;
    edited = text.slice(0, start) + namespace + text.slice(end);
  } else if (existing) {
    throw new Error(`context "${name}" has a namespace that is not a plain value`);
  } else if (context.flow) {
    // {cluster: c, user: u} → {cluster: c, user: u, namespace: n}
    const close = text.lastIndexOf("}", context.range[1]);
    const before = text.slice(context.range[0] + 1, close).trim();
    edited = text.slice(0, close).trimEnd() + (before ? ", " : "") + `namespace: ${namespace}` + text.slice(close);
  } else {
    // A new line after the map's last entry, indented as its first key is.
    const firstKey = context.items[0]?.key;
    if (!isScalar(firstKey) || !firstKey.range) throw new Error(`context "${name}" has an empty context: map`);
    const lineStart = text.lastIndexOf("\n", firstKey.range[0] - 1) + 1;
    const indent = text.slice(lineStart, firstKey.range[0]);
    if (!/^ *$/.test(indent)) throw new Error(`context "${name}" is laid out in a way Kubedeck does not edit`);
    const last = context.items[context.items.length - 1];
    const lastEnd = (isScalar(last.value) || isMap(last.value) || isSeq(last.value)) && last.value.range ? last.value.range[1] : context.range[1];
    const lineEnd = text.indexOf("\n", lastEnd);
    const at = lineEnd === -1 ? text.length : lineEnd + 1;
    const newline = text.includes("\r\n") ? "\r\n" : "\n";
    edited = text.slice(0, at) + (lineEnd === -1 ? newline : "") + `${indent}namespace: ${namespace}${newline}` + text.slice(at);
  }
  const check = parseDocument(edited);
  const after = (check.get("contexts") as { items: YAMLMap[] } | undefined)?.items.find((i) => i.get("name") === name);
  if (check.errors.length || (after?.get("context") as YAMLMap | undefined)?.get("namespace") !== namespace)
    throw new Error(`editing context "${name}" did not give the namespace it should; the file was left as it is`);
  return edited;
}
