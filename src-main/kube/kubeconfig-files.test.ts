import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { describe, expect, it } from "vitest";
import { contextInfos, describeAuth, mergeKubeconfigs, parseKubeconfig, singleContextConfig, sourcePaths } from "./kubeconfig-files.ts";

const dir = mkdtempSync(join(tmpdir(), "kubedeck-kubeconfig-"));
const write = (name: string, obj: unknown) => {
  const p = join(dir, name);
  mkdirSync(join(p, ".."), { recursive: true });
  writeFileSync(p, typeof obj === "string" ? obj : JSON.stringify(obj));
  return p;
};

describe("sourcePaths", () => {
  it("reads $KUBECONFIG's list in order, without repeats, else ~/.kube/config", () => {
    const env = { KUBECONFIG: ["/a", "", "/b", "/a"].join(delimiter) };
    expect(sourcePaths(env, [])).toEqual([
      { path: "/a", origin: "env" },
      { path: "/b", origin: "env" },
    ]);
    expect(sourcePaths({}, [])).toEqual([{ path: join(homedir(), ".kube", "config"), origin: "default" }]);
  });

  it("adds the user's files, and every file of a user's folder", () => {
    write("folder/one", {});
    write("folder/two", {});
    write("folder/.hidden", {});
    expect(sourcePaths({ KUBECONFIG: "/a" }, [join(dir, "folder"), "/c"]).map((s) => s.path)).toEqual([
      "/a",
      join(dir, "folder/one"),
      join(dir, "folder/two"),
      "/c",
    ]);
  });
});

describe("mergeKubeconfigs", () => {
  const first = write("first/config", {
    clusters: [{ name: "prod", cluster: { server: "https://prod", "certificate-authority": "ca.crt" } }],
    users: [{ name: "me", user: { "client-certificate": "certs/me.crt", "client-key": "/abs/me.key", exec: undefined } }],
    contexts: [{ name: "prod", context: { cluster: "prod", user: "me", namespace: "web" } }],
  });
  const second = write("second/config", {
    "current-context": "staging",
    clusters: [
      { name: "prod", cluster: { server: "https://other-prod" } },
      { name: "staging", cluster: { server: "https://staging" } },
    ],
    users: [
      { name: "sso", user: { exec: { command: "./bin/login", args: ["token"] } } },
      { name: "gcloud", user: { exec: { command: "gke-gcloud-auth-plugin" } } },
    ],
    contexts: [
      { name: "prod", context: { cluster: "staging", user: "sso" } },
      { name: "staging", context: { cluster: "staging", user: "sso" } },
    ],
  });

  it("lets the first file win for a name, and takes current-context from the first that sets one", () => {
    const m = mergeKubeconfigs([
      { path: first, origin: "env" },
      { path: second, origin: "env" },
    ]);
    expect(m.current).toBe("staging");
    expect(m.clusters.get("prod")?.value.server).toBe("https://prod");
    expect(m.contexts.get("prod")?.value.cluster).toBe("prod");
    expect(contextInfos(m).map((c) => [c.name, c.server, c.source])).toEqual([
      ["prod", "https://prod", first],
      ["staging", "https://staging", second],
    ]);
  });

  it("resolves relative paths against the file that holds them", () => {
    const m = mergeKubeconfigs([
      { path: first, origin: "env" },
      { path: second, origin: "env" },
    ]);
    expect(m.clusters.get("prod")?.value["certificate-authority"]).toBe(join(dir, "first/ca.crt"));
    expect(m.users.get("me")?.value["client-certificate"]).toBe(join(dir, "first/certs/me.crt"));
    expect(m.users.get("me")?.value["client-key"]).toBe("/abs/me.key");
    expect((m.users.get("sso")?.value.exec as { command: string }).command).toBe(join(dir, "second/bin/login"));
    // A bare command name is looked up on PATH, as kubectl does.
    expect((m.users.get("gcloud")?.value.exec as { command: string }).command).toBe("gke-gcloud-auth-plugin");
  });

  it("reports unreadable files by path and keeps the rest", () => {
    const bad = write("bad", "clusters: [\n");
    const m = mergeKubeconfigs([
      { path: bad, origin: "env" },
      { path: join(dir, "missing"), origin: "env" },
      { path: join(dir, "missing-default"), origin: "default" },
      { path: first, origin: "env" },
    ]);
    expect(m.sources.map((s) => [s.path, s.error?.replace(/:.*/, "")])).toEqual([
      [bad, "line 2, column 1"],
      [join(dir, "missing"), "file not found"],
      [first, undefined],
    ]);
    expect([...m.contexts.keys()]).toEqual(["prod"]);
  });

  it("builds a one-context config, and says which part is missing", () => {
    const m = mergeKubeconfigs([{ path: first, origin: "env" }]);
    expect(singleContextConfig(m, "prod")).toMatchObject({ "current-context": "prod", clusters: [{ name: "prod" }], users: [{ name: "me" }] });
    expect(() => singleContextConfig(m, "nope")).toThrow('context "nope" is not in any kubeconfig file');
  });
});

describe("parseKubeconfig", () => {
  it("names what is wrong", () => {
    expect(() => parseKubeconfig("- a\n- b\n")).toThrow("not a YAML mapping");
    expect(() => parseKubeconfig("clusters: {}\n")).toThrow('"clusters" must be a list');
    expect(() => parseKubeconfig("users:\n  - user: {}\n")).toThrow("users[0] has no name");
  });
});

describe("describeAuth", () => {
  it("names the kind of credential, never its value", () => {
    expect(describeAuth({ token: "secret" })).toBe("token");
    expect(describeAuth({ "client-certificate-data": "x", "client-key-data": "y" })).toBe("client-certificate");
    expect(describeAuth({ exec: { command: "/usr/local/bin/aws" } })).toBe("exec: aws");
    expect(describeAuth({ "auth-provider": { name: "oidc", config: { "id-token": "secret" } } })).toBe("auth-provider: oidc");
    expect(describeAuth({ username: "u", password: "p" })).toBe("basic");
    expect(describeAuth(undefined)).toBe("none");
  });
});
