// What the main process's integration suites share: the app on a settings folder of its own,
// connected to the practice cluster as sandbox-admin, and a namespace of the suite's own, made
// before its tests and removed after them (with the folder).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, inject } from "vitest";
import { kubectl } from "../e2e/suite.ts";
import { createApp, type App } from "./index.ts";

export { kubectl };

/** Registers the suite's beforeAll/afterAll; `app()` is there once the suite's tests run. */
export function appWithNamespace(name: string) {
  const dir = mkdtempSync(join(tmpdir(), `kubedeck-${name}-`));
  const ns = `kd-${name}-${Date.now().toString(36)}`;
  const ctx = "sandbox-admin";
  let app: App | undefined;
  beforeAll(async () => {
    app = createApp({ userDataDir: dir, env: { ...process.env, KUBECONFIG: inject("kubeconfig") } });
    await app.services.connections.connect(ctx);
    await kubectl(["create", "namespace", ns]);
  });
  afterAll(async () => {
    app?.close();
    await kubectl(["delete", "namespace", ns, "--wait=false", "--ignore-not-found"]);
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    ns,
    ctx,
    app: () => {
      if (!app) throw new Error("the app starts in the suite's beforeAll");
      return app;
    },
  };
}
