// The peer measured beside Kubedeck in the same run: k9s, the fastest popular Kubernetes UI,
// built from the Go module proxy at a pinned version. It runs in a tmux session of the
// bench's own (its own socket, so a user's tmux is never touched) against the bench cluster,
// and is timed from its start to the frame whose pod table title counts every pod of the
// cluster ("pods(all)[10,001]"): the title counts the rows of its table, so a full count is
// the complete list on screen.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const k9sModule = "github.com/derailed/k9s";
export const k9sVersion = "v0.50.16";

const socket = "kubedeck-bench";
const pollMs = 50;

export interface K9sResult {
  /** Start to the title counting `expected` pods; null when it never did within the time allowed. */
  ms: number | null;
  /** The largest count its title showed, and when it first showed it. */
  shown: number | null;
  shownMs: number | null;
  /** The screen's last lines when k9s did not show the full list, to say what it showed instead. */
  screen?: string;
}

function tmux(args: string[]): Promise<string> {
  return new Promise((ok, fail) => {
    const child = spawn("tmux", ["-L", socket, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d));
    child.stderr.on("data", (d: Buffer) => (err += d));
    child.on("error", fail);
    child.on("close", (code) => (code === 0 ? ok(out) : fail(new Error(`tmux ${args[0]}: ${err.trim() || `exit ${code}`}`))));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts k9s on every namespace's pods in a 200×50 terminal and waits up to `timeoutMs` for
 * its title to count `expected` pods. Its settings, logs and caches go to a folder of its own,
 * removed after; the session (and so k9s) is ended by name, the only one the bench started.
 */
export async function timeK9s(bin: string, kubeconfig: string, expected: number, timeoutMs: number): Promise<K9sResult> {
  const home = mkdtempSync(join(tmpdir(), "kubedeck-bench-k9s-"));
  const config = join(home, "config");
  mkdirSync(config, { recursive: true });
  // No look-up of a newer release (this machine has no internet), and nothing else changed from k9s' defaults.
  writeFileSync(join(config, "config.yaml"), "k9s:\n  skipLatestRevCheck: true\n");
  const env = [
    `K9S_CONFIG_DIR=${config}`,
    `K9S_LOGS_DIR=${join(home, "logs")}`,
    `XDG_CONFIG_HOME=${home}`,
    `XDG_DATA_HOME=${home}`,
    `XDG_STATE_HOME=${home}`,
    `XDG_CACHE_HOME=${home}`,
    "TERM=xterm-256color",
  ];
  const session = `k9s-${process.pid}-${Date.now()}`;
  const command = ["env", ...env, bin, "--kubeconfig", kubeconfig, "--context", "sandbox-admin", "--all-namespaces", "--command", "pods", "--readonly"];
  const result: K9sResult = { ms: null, shown: null, shownMs: null };
  let screen = "";
  const t0 = performance.now();
  try {
    await tmux(["new-session", "-d", "-s", session, "-x", "200", "-y", "50", ...command]);
    while (performance.now() - t0 < timeoutMs) {
      screen = await tmux(["capture-pane", "-p", "-t", session]).catch(() => screen);
      const at = performance.now() - t0;
      // Past 999 the count is written with thousands separators ("pods(all)[10,001]").
      const m = /pods\(all\)\[([\d,]+)\]/i.exec(screen);
      if (m) {
        const n = Number(m[1].replaceAll(",", ""));
        if (result.shown === null || n > result.shown) {
          result.shown = n;
          result.shownMs = at;
        }
        if (n >= expected) {
          result.ms = at;
          break;
        }
      }
      await sleep(pollMs);
    }
    // Its header, the table's title and first rows: what it showed instead.
    if (result.ms === null) result.screen = screen.trimEnd().split("\n").slice(0, 12).join("\n");
    return result;
  } finally {
    await tmux(["kill-session", "-t", session]).catch(() => undefined);
    rmSync(home, { recursive: true, force: true });
  }
}
