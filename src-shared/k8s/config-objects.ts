// The ConfigMap or Secret `kubectl create configmap|secret …` makes (as `--dry-run=client -o yaml`
// prints it), from the configuration wizard: literals, files (a folder is its files), an
// env-file; immutable; the Secret types kubectl knows (generic/Opaque, docker-registry, tls)
// and the typed ones it has no verb for (basic-auth, ssh-auth). Each input is checked as the
// API server would, with the field that broke the rule; the command line shown beside the form
// never holds a secret value.
import { ruleText, type Rule } from "./rules.ts";

export type SecretType = "Opaque" | "kubernetes.io/dockerconfigjson" | "kubernetes.io/tls" | "kubernetes.io/basic-auth" | "kubernetes.io/ssh-auth";
export const secretTypes: SecretType[] = [
  "Opaque",
  "kubernetes.io/dockerconfigjson",
  "kubernetes.io/tls",
  "kubernetes.io/basic-auth",
  "kubernetes.io/ssh-auth",
];

/** One key: typed (literal), read from a file (its bytes as base64 when not UTF-8 text), or a line of an env-file. */
export interface ConfigEntry {
  key: string;
  value: string;
  from: "literal" | "file";
  /** `value` is base64 of the file's bytes (not valid UTF-8): a ConfigMap keeps it in binaryData. */
  base64?: boolean;
  /** Its line in the env-file it came from. */
  line?: number;
}

export interface ConfigInput {
  kind: "ConfigMap" | "Secret";
  name: string;
  namespace: string;
  immutable: boolean;
  /** Secrets only. */
  type: SecretType;
  /** ConfigMaps and Opaque Secrets. */
  entries: ConfigEntry[];
  /** KEY=VALUE lines (kubectl's --from-env-file), ConfigMaps and Opaque Secrets. */
  envFile: string;
  docker: { server: string; username: string; password: string; email: string };
  tls: { cert: string; key: string };
  basic: { username: string; password: string };
  ssh: { privateKey: string };
}

export type ConfigField =
  "name" | "entries" | "envFile" | "docker.server" | "docker.username" | "docker.password" | "tls.cert" | "tls.key" | "basic.username" | "ssh.privateKey";

export type ConfigResult =
  { ok: true; object: Record<string, unknown>; command: string; keys: string[] } | { ok: false; field: ConfigField; error: string; rule: Rule; index?: number };

const broken = (field: ConfigField, rule: Rule, index?: number): ConfigResult => ({
  ok: false,
  field,
  error: ruleText(rule),
  rule,
  ...(index === undefined ? {} : { index }),
});

const dnsSubdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** IsConfigMapKey: the characters a key may hold. */
const configKey = (k: string) => k.length > 0 && k.length <= 253 && /^[-._a-zA-Z0-9]+$/.test(k) && k !== "." && k !== "..";

/** UTF-8 text to base64, as `data` of a Secret holds it. */
export function toBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

/** How many bytes a base64 text holds. */
export const base64Size = (b64: string) => Math.floor((b64.length * 3) / 4) - (/=+$/.exec(b64)?.[0].length ?? 0);

/** An env-file's KEY=VALUE lines, as kubectl reads them: blank lines and # comments skipped, the value taken as written. */
export function parseEnvFile(text: string): { ok: true; entries: ConfigEntry[] } | { ok: false; rule: Rule; line: number } {
  const entries: ConfigEntry[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/^\uFEFF/, "");
    if (!line.trim() || line.trimStart().startsWith("#")) continue;
    const eq = line.indexOf("=");
    const key = eq === -1 ? "" : line.slice(0, eq).trimStart();
    if (eq === -1 || !/^[\x21-\x3c\x3e-\x7e]+$/.test(key)) return { ok: false, rule: { rule: "envLine", params: { line: line.trim() } }, line: i + 1 };
    entries.push({ key, value: line.slice(eq + 1), from: "literal", line: i + 1 });
  }
  return { ok: true, entries };
}

const pem = (text: string, what: RegExp) => what.test(text) && /-----END [A-Z ]+-----/.test(text);
const shellWord = (w: string) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, "'\\''")}'`);

/** The object, or the first rule an input breaks. */
export function configObject(i: ConfigInput): ConfigResult {
  if (!dnsSubdomain.test(i.name) || i.name.length > 253) return broken("name", { rule: "dnsSubdomain", params: {} });
  const secret = i.kind === "Secret";
  const keyed = !secret || i.type === "Opaque";
  const words = ["kubectl", "create", secret ? "secret" : "configmap"];
  let entries: ConfigEntry[] = [];
  if (keyed) {
    if (secret) words.push("generic");
    words.push(i.name, "-n", i.namespace);
    const env = parseEnvFile(i.envFile);
    if (!env.ok) return broken("envFile", env.rule, env.line);
    entries = [...i.entries, ...env.entries];
    const seen = new Set<string>();
    // The field that broke a rule, and where in it: an entry's index, an env-file's line.
    const at = (n: number): [ConfigField, number] => (n < i.entries.length ? ["entries", n] : ["envFile", entries[n].line ?? 0]);
    for (const [n, e] of entries.entries()) {
      const [field, where] = at(n);
      if (!configKey(e.key)) return broken(field, { rule: "configKey", params: { key: e.key } }, where);
      if (seen.has(e.key)) return broken(field, { rule: "twice", params: { key: e.key } }, where);
      seen.add(e.key);
    }
    for (const e of i.entries)
      words.push(e.from === "file" ? `--from-file=${e.key}=FILE` : secret ? `--from-literal=${e.key}=…` : `--from-literal=${e.key}=${e.value}`);
    if (i.envFile.trim()) words.push("--from-env-file=FILE");
  } else if (i.type === "kubernetes.io/dockerconfigjson") {
    const d = i.docker;
    if (!d.server.trim()) return broken("docker.server", { rule: "required", params: {} });
    if (!d.username) return broken("docker.username", { rule: "required", params: {} });
    if (!d.password) return broken("docker.password", { rule: "required", params: {} });
    const auth = { username: d.username, password: d.password, ...(d.email ? { email: d.email } : {}), auth: toBase64(`${d.username}:${d.password}`) };
    entries = [{ key: ".dockerconfigjson", value: JSON.stringify({ auths: { [d.server.trim()]: auth } }), from: "literal" }];
    words.push("docker-registry", i.name, "-n", i.namespace, `--docker-server=${d.server.trim()}`, `--docker-username=${d.username}`, "--docker-password=…");
    if (d.email) words.push(`--docker-email=${d.email}`);
  } else if (i.type === "kubernetes.io/tls") {
    if (!pem(i.tls.cert, /-----BEGIN CERTIFICATE-----/)) return broken("tls.cert", { rule: "pem", params: { what: "CERTIFICATE" } });
    if (!pem(i.tls.key, /-----BEGIN ([A-Z]+ )?PRIVATE KEY-----/)) return broken("tls.key", { rule: "pem", params: { what: "PRIVATE KEY" } });
    entries = [
      { key: "tls.crt", value: i.tls.cert, from: "file" },
      { key: "tls.key", value: i.tls.key, from: "file" },
    ];
    words.push("tls", i.name, "-n", i.namespace, "--cert=CERT_FILE", "--key=KEY_FILE");
  } else if (i.type === "kubernetes.io/basic-auth") {
    if (!i.basic.username && !i.basic.password) return broken("basic.username", { rule: "required", params: {} });
    entries = [
      ...(i.basic.username ? [{ key: "username", value: i.basic.username, from: "literal" as const }] : []),
      ...(i.basic.password ? [{ key: "password", value: i.basic.password, from: "literal" as const }] : []),
    ];
    words.push("generic", i.name, "-n", i.namespace, "--type=kubernetes.io/basic-auth", ...entries.map((e) => `--from-literal=${e.key}=…`));
  } else {
    if (!pem(i.ssh.privateKey, /-----BEGIN ([A-Z]+ )?PRIVATE KEY-----/)) return broken("ssh.privateKey", { rule: "pem", params: { what: "PRIVATE KEY" } });
    entries = [{ key: "ssh-privatekey", value: i.ssh.privateKey, from: "file" }];
    words.push("generic", i.name, "-n", i.namespace, "--type=kubernetes.io/ssh-auth", "--from-file=ssh-privatekey=FILE");
  }
  if (i.immutable) words.push("&&", "kubectl", "patch", secret ? "secret" : "configmap", i.name, "-n", i.namespace, "-p", '{"immutable":true}');

  const data: Record<string, string> = {};
  const binaryData: Record<string, string> = {};
  for (const e of entries) {
    if (secret) data[e.key] = e.base64 ? e.value : toBase64(e.value);
    else (e.base64 ? binaryData : data)[e.key] = e.value;
  }
  const size = Object.entries({ ...data, ...binaryData }).reduce((s, [k, v]) => s + k.length + v.length, 0);
  if (size > 1024 * 1024)
    return broken(keyed ? "entries" : secret && i.type === "kubernetes.io/tls" ? "tls.cert" : "entries", {
      rule: "dataTooBig",
      params: { size: Math.ceil(size / 1024) },
    });
  const object: Record<string, unknown> = {
    apiVersion: "v1",
    kind: i.kind,
    metadata: { name: i.name, namespace: i.namespace },
    ...(secret ? { type: i.type } : {}),
    ...(Object.keys(data).length ? { data } : {}),
    ...(Object.keys(binaryData).length ? { binaryData } : {}),
    ...(i.immutable ? { immutable: true } : {}),
  };
  return { ok: true, object, command: words.map((w) => (w === "&&" ? w : shellWord(w))).join(" "), keys: entries.map((e) => e.key) };
}
