import { describe, expect, it } from "vitest";
import { commandArgv } from "./command-line.ts";

describe("a typed command line as exec's argv", () => {
  it("splits plain words, honouring quotes, for containers without a shell", () => {
    expect(commandArgv("  ls -la '/my dir' \"a b\"  ")).toEqual(["ls", "-la", "/my dir", "a b"]);
    expect(commandArgv("/app/server --check")).toEqual(["/app/server", "--check"]);
  });

  it("hands what only a shell understands to sh -c, as typed", () => {
    for (const line of ["ps aux | grep nginx", "cd /tmp && ls", "echo $HOME", "ls *.log", "cat f > g", "echo `date`"])
      expect(commandArgv(line)).toEqual(["sh", "-c", line]);
  });

  it("is the default shell when empty", () => {
    expect(commandArgv("   ")).toEqual([]);
  });
});
