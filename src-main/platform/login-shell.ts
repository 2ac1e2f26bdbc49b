// The PATH of the user's login shell. A desktop app started from the Dock or a menu gets
// a minimal environment, without what the user's shell profile adds (Homebrew, gcloud …).
import { execFile } from "node:child_process";

export function loginShellPath(timeoutMs = 5000): Promise<string | undefined> {
  if (process.platform === "win32") return Promise.resolve(undefined);
  const shell = process.env.SHELL || "/bin/sh";
  const marker = "__KUBEDECK_PATH__";
  return new Promise((resolve) => {
    execFile(shell, ["-ilc", `printf '${marker}%s${marker}' "$PATH"`], { timeout: timeoutMs, env: process.env }, (err, stdout) => {
      const m = new RegExp(`${marker}(.*)${marker}`).exec(stdout ?? "");
      resolve(err || !m ? undefined : m[1]);
    });
  });
}
