import { describe, expect, it } from "vitest";
import { base64Size, configObject, parseEnvFile, type ConfigInput } from "./config-objects.ts";

const input = (over: Partial<ConfigInput>): ConfigInput => ({
  kind: "ConfigMap",
  name: "settings",
  namespace: "demo",
  immutable: false,
  type: "Opaque",
  entries: [],
  envFile: "",
  docker: { server: "", username: "", password: "", email: "" },
  tls: { cert: "", key: "" },
  basic: { username: "", password: "" },
  ssh: { privateKey: "" },
  ...over,
});
const decode = (b64: string) => new TextDecoder().decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));

describe("configObject", () => {
  it("makes a ConfigMap from literals, files and an env-file as kubectl does, binary files in binaryData", () => {
    const r = configObject(
      input({
        entries: [
          { key: "mode", value: "production", from: "literal" },
          { key: "app.properties", value: "a=1\nb=2\n", from: "file" },
          { key: "logo.png", value: "iVBORw0KGgo=", from: "file", base64: true },
        ],
        envFile: "# comment\n\nLOG_LEVEL=debug\nGREETING=hello world=yes\n",
        immutable: true,
      }),
    );
    expect(r).toMatchObject({
      ok: true,
      object: {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: "settings", namespace: "demo" },
        data: { mode: "production", "app.properties": "a=1\nb=2\n", LOG_LEVEL: "debug", GREETING: "hello world=yes" },
        binaryData: { "logo.png": "iVBORw0KGgo=" },
        immutable: true,
      },
      keys: ["mode", "app.properties", "logo.png", "LOG_LEVEL", "GREETING"],
    });
    expect(r.ok && r.command).toBe(
      "kubectl create configmap settings -n demo --from-literal=mode=production --from-file=app.properties=FILE --from-file=logo.png=FILE --from-env-file=FILE && kubectl patch configmap settings -n demo -p '{\"immutable\":true}'",
    );
  });

  it("says which field and which rule an input breaks", () => {
    expect(configObject(input({ name: "Bad_Name" }))).toMatchObject({ ok: false, field: "name", rule: { rule: "dnsSubdomain" } });
    expect(configObject(input({ entries: [{ key: "a/b", value: "", from: "literal" }] }))).toMatchObject({
      ok: false,
      field: "entries",
      index: 0,
      rule: { rule: "configKey" },
    });
    expect(configObject(input({ entries: [{ key: "A", value: "1", from: "literal" }], envFile: "# x\nA=2" }))).toMatchObject({
      ok: false,
      field: "envFile",
      index: 2,
      rule: { rule: "twice" },
    });
    expect(configObject(input({ envFile: "GOOD=1\nno equals sign" }))).toMatchObject({ ok: false, field: "envFile", index: 2, rule: { rule: "envLine" } });
    expect(configObject(input({ entries: [{ key: "big", value: "x".repeat(1024 * 1024 + 1), from: "file" }] }))).toMatchObject({
      ok: false,
      rule: { rule: "dataTooBig" },
    });
  });

  it("makes each Secret type with the keys its type needs, and never puts a secret in the command", () => {
    const generic = configObject(input({ kind: "Secret", entries: [{ key: "password", value: "s3cr3t ✓", from: "literal" }] }));
    expect(generic.ok && generic.object).toMatchObject({ kind: "Secret", type: "Opaque" });
    expect(generic.ok && decode((generic.object.data as Record<string, string>).password)).toBe("s3cr3t ✓");
    expect(generic.ok && generic.command).not.toContain("s3cr3t");

    const docker = configObject(
      input({ kind: "Secret", type: "kubernetes.io/dockerconfigjson", docker: { server: "registry.example:5000", username: "me", password: "pw", email: "" } }),
    );
    expect(docker.ok && JSON.parse(decode((docker.object.data as Record<string, string>)[".dockerconfigjson"]))).toEqual({
      auths: { "registry.example:5000": { username: "me", password: "pw", auth: btoa("me:pw") } },
    });
    expect(docker.ok && docker.command).toBe(
      "kubectl create secret docker-registry settings -n demo --docker-server=registry.example:5000 --docker-username=me '--docker-password=…'",
    );
    expect(configObject(input({ kind: "Secret", type: "kubernetes.io/dockerconfigjson" }))).toMatchObject({ ok: false, field: "docker.server" });

    const cert = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    const key = "-----BEGIN EC PRIVATE KEY-----\nMHc\n-----END EC PRIVATE KEY-----\n";
    const tls = configObject(input({ kind: "Secret", type: "kubernetes.io/tls", tls: { cert, key } }));
    expect(tls.ok && tls.keys).toEqual(["tls.crt", "tls.key"]);
    expect(configObject(input({ kind: "Secret", type: "kubernetes.io/tls", tls: { cert: key, key } }))).toMatchObject({
      ok: false,
      field: "tls.cert",
      rule: { rule: "pem" },
    });
    expect(configObject(input({ kind: "Secret", type: "kubernetes.io/tls", tls: { cert, key: cert } }))).toMatchObject({ ok: false, field: "tls.key" });

    const basic = configObject(input({ kind: "Secret", type: "kubernetes.io/basic-auth", basic: { username: "admin", password: "pw" } }));
    expect(basic.ok && basic.keys).toEqual(["username", "password"]);
    expect(basic.ok && basic.command).not.toContain("pw");
    const ssh = configObject(
      input({
        kind: "Secret",
        type: "kubernetes.io/ssh-auth",
        ssh: { privateKey: "-----BEGIN OPENSSH PRIVATE KEY-----\nb3Bl\n-----END OPENSSH PRIVATE KEY-----\n" },
      }),
    );
    expect(ssh.ok && ssh.keys).toEqual(["ssh-privatekey"]);
  });
});

describe("base64Size", () => {
  it("counts the bytes a base64 text holds, padding left out", () => {
    expect([base64Size(""), base64Size("/wD+QQ=="), base64Size("YWJj"), base64Size("YWI=")]).toEqual([0, 4, 3, 2]);
  });
});

describe("parseEnvFile", () => {
  it("reads KEY=VALUE lines as kubectl does", () => {
    expect(parseEnvFile("\uFEFFA=1\r\n# x\n  B= two \n")).toEqual({
      ok: true,
      entries: [
        { key: "A", value: "1", from: "literal", line: 1 },
        { key: "B", value: " two ", from: "literal", line: 3 },
      ],
    });
    expect(parseEnvFile("=1")).toMatchObject({ ok: false, line: 1 });
  });
});
