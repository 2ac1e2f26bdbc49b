// A real login shell (bash) whose profile extends PATH, as Homebrew's or gcloud's installer does.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loginShellPath } from "./login-shell.ts";

const saved = { SHELL: process.env.SHELL, HOME: process.env.HOME };
afterEach(() => Object.assign(process.env, saved));

describe("loginShellPath", () => {
  it("returns the PATH the user's login shell profile sets up", async () => {
    const home = mkdtempSync(join(tmpdir(), "kubedeck-home-"));
    writeFileSync(join(home, ".bash_profile"), 'echo "profile noise"\nexport PATH="/opt/cloud-cli/bin:$PATH"\n');
    process.env.HOME = home;
    process.env.SHELL = "/bin/bash";
    const path = await loginShellPath();
    expect(path?.split(":")[0]).toBe("/opt/cloud-cli/bin");
  });

  it("gives up quietly when the shell cannot run", async () => {
    process.env.SHELL = "/nonexistent/shell";
    expect(await loginShellPath()).toBeUndefined();
  });
});
