import { describe, expect, it } from "vitest";
import { helmArgs, helmCommandLine, helmCommandSchema } from "./helm-commands.ts";

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
});
