// Child processes for the driver: every failure names the command and carries its stderr,
// so a broken step says what broke instead of "exit code 1".
import { spawn, type SpawnOptions } from "node:child_process";

export interface RunOptions extends SpawnOptions {
  /** Text written to the child's stdin. */
  input?: string;
  /** Stream the child's output to ours instead of capturing it. */
  inherit?: boolean;
}

export class CommandError extends Error {
  readonly command: string;
  readonly code: number | null;
  readonly stderr: string;
  readonly stdout: string;
  constructor(command: string, code: number | null, stderr: string, stdout = "") {
    const said = (stderr || stdout).trim().split("\n").slice(-40).join("\n");
    super(`${command} failed (exit ${code ?? "signal"}):\n${said}`);
    this.command = command;
    this.code = code;
    this.stderr = stderr;
    this.stdout = stdout;
  }
}

export function run(cmd: string, args: string[], opts: RunOptions = {}): Promise<string> {
  const { input, inherit, ...spawnOpts } = opts;
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      ...spawnOpts,
      stdio: [input === undefined ? "ignore" : "pipe", inherit ? "inherit" : "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout?.on("data", (d: Buffer) => (out += d));
    child.stderr?.on("data", (d: Buffer) => {
      err += d;
      if (inherit) process.stderr.write(d);
    });
    child.on("error", (e) => reject(new CommandError(`${cmd} ${args.join(" ")}`, null, e.message)));
    child.on("close", (code) => {
      if (code === 0) resolve(out);
      else reject(new CommandError(`${cmd} ${args.join(" ")}`, code, err, out));
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}
