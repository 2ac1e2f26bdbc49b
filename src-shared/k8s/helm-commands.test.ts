import { describe, expect, it } from "vitest";
import { chartRef, helmArgs, helmCommandLine, helmCommandSchema, helmStdin } from "./helm-commands.ts";

describe("helm commands", () => {
  it("become helm's arguments, options included only when chosen", () => {
    expect(helmArgs({ command: "rollback", release: "shop", namespace: "demo", revision: 2, wait: false })).toEqual([
      "rollback",
      "shop",
      "2",
      "--namespace",
      "demo",
    ]);
    expect(helmCommandLine({ command: "rollback", release: "shop", namespace: "demo", revision: 1, wait: true, timeout: "2m", cleanupOnFail: true })).toBe(
      "helm rollback shop 1 --namespace demo --wait=watcher --timeout 2m --cleanup-on-fail",
    );
    expect(helmArgs({ command: "uninstall", release: "shop", namespace: "demo", keepHistory: true, wait: false })).toEqual([
      "uninstall",
      "shop",
      "--namespace",
      "demo",
      "--keep-history",
    ]);
  });

  it("refuse what is not a command: flags smuggled in a name, a bad duration, an unknown command", () => {
    const ok = { command: "uninstall", release: "shop", namespace: "demo", keepHistory: false, wait: false };
    expect(helmCommandSchema.safeParse(ok).success).toBe(true);
    expect(helmCommandSchema.safeParse({ ...ok, release: "--kubeconfig=/etc/x" }).success).toBe(false);
    expect(helmCommandSchema.safeParse({ ...ok, namespace: "a b" }).success).toBe(false);
    expect(helmCommandSchema.safeParse({ ...ok, timeout: "5 minutes" }).success).toBe(false);
    expect(helmCommandSchema.safeParse({ ...ok, timeout: "" }).success).toBe(false);
    expect(helmCommandSchema.safeParse({ ...ok, command: "plugin" }).success).toBe(false);
    expect(helmCommandSchema.safeParse({ ...ok, extra: "--post-renderer=x" }).success).toBe(false);
  });

  it("install and upgrade: a name or --generate-name, values from a file, helm 3's and helm 4's spelling of --wait and --atomic", () => {
    const install = {
      command: "install",
      namespace: "web",
      createNamespace: true,
      chart: "ours/guestbook",
      values: "a: 1\n",
      wait: true,
      timeout: "2m",
      atomic: true,
    } as const;
    expect(helmArgs(install, { valuesFile: "/private/values" })).toEqual([
      "install",
      "ours/guestbook",
      "--generate-name",
      "--namespace",
      "web",
      "--create-namespace",
      "--values",
      "/private/values",
      "--wait=watcher",
      "--timeout",
      "2m",
      "--rollback-on-failure",
    ]);
    expect(helmCommandLine({ ...install, release: "gb", version: "^0.1", values: "" }, { major: 3 })).toBe(
      "helm install gb ours/guestbook --namespace web --create-namespace --version '^0.1' --wait --timeout 2m --atomic",
    );
    expect(helmArgs({ command: "upgrade", release: "gb", namespace: "web", chart: "/charts/gb", wait: false, atomic: false, dryRun: true })).toEqual([
      "upgrade",
      "gb",
      "/charts/gb",
      "--namespace",
      "web",
      "--reset-values",
      "--dry-run=server",
      "--output",
      "json",
    ]);
  });

  it("keep a repository's password off the command line, on helm's input", () => {
    const add = { command: "repoAdd", name: "private", url: "https://charts.example.org", username: "me", password: "p w'd" } as const;
    expect(helmArgs(add)).toEqual(["repo", "add", "private", "https://charts.example.org", "--username", "me", "--password-stdin"]);
    expect(helmCommandLine(add)).not.toContain("p w'd");
    expect(helmStdin(add)).toBe("p w'd\n");
    expect(helmStdin({ command: "repoRemove", name: "private" })).toBeUndefined();
  });

  it("take a chart as repo/chart, oci://… or an absolute path, and nothing that could pass for a flag", () => {
    for (const ok of ["ours/guestbook", "oci://registry.example.org/charts/web", "/home/me/charts/web", "C:\\charts\\web-0.1.0.tgz"])
      expect(chartRef.safeParse(ok).success, ok).toBe(true);
    for (const bad of ["guestbook", "--set=x", "-x/y", "charts/web/extra", "oci://", "relative/../path/x.tgz", "http://example.org/web.tgz"])
      expect(chartRef.safeParse(bad).success, bad).toBe(false);
    const install = { command: "install", namespace: "web", createNamespace: false, chart: "ours/guestbook", wait: false, atomic: false };
    expect(helmCommandSchema.safeParse({ ...install, version: "--devel" }).success).toBe(false);
    expect(helmCommandSchema.safeParse({ ...install, version: "1.2.3-rc.1" }).success).toBe(true);
    expect(helmCommandSchema.safeParse({ command: "repoAdd", name: "x", url: "file:///etc" }).success).toBe(false);
    expect(helmCommandSchema.safeParse({ command: "create", directory: "charts", name: "web" }).success).toBe(false);
  });
});
