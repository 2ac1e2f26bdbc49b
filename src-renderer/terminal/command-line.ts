// The terminal's "Run" field: a command line the user types, as the argv exec sends. Plain
// words (quotes honoured) go as they are, so a container without a shell (distroless) can
// still run its binaries; anything only a shell understands — pipes, redirections, `&&`,
// variables, globs, command substitution — goes to `sh -c` whole, as typed.
import { parse } from "shell-quote";

export function commandArgv(line: string): string[] {
  const text = line.trim();
  if (!text) return [];
  if (/[$`]/.test(text)) return ["sh", "-c", text];
  const words = parse(text);
  return words.every((w): w is string => typeof w === "string") ? words : ["sh", "-c", text];
}
