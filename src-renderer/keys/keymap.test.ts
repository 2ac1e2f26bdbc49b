import { describe, expect, it } from "vitest";
import { keyBindings } from "../../src-shared/kinds/app-keys.ts";
import { ariaKeys, goKeys, isTyping, keyText, pressName, sequenceMatcher, sequenceMs } from "./keymap.ts";

const press = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

describe("app-wide keys", () => {
  it("names a press as the table writes it: mod+k for Ctrl or Cmd, plain keys as they are, nothing for Alt or named keys", () => {
    expect(pressName(press("K", { ctrlKey: true }))).toBe("mod+k");
    expect(pressName(press("k", { metaKey: true }))).toBe("mod+k");
    expect(pressName(press("/"))).toBe("/");
    expect(pressName(press("N"))).toBe("N");
    expect(pressName(press("p", { altKey: true }))).toBeUndefined();
    expect(pressName(press("ArrowDown"))).toBeUndefined();
    expect(pressName(press("Enter"))).toBeUndefined();
  });

  it("completes g then a letter within the wait, and lets an unbound press go", () => {
    const m = sequenceMatcher();
    expect(m.press("g", 0)).toBe("pending");
    expect(m.press("p", 100)).toMatchObject({ id: "pods", command: { type: "go", to: { resource: "pods" } } });
    // Too late: the second press stands alone (and "d" alone is nothing).
    expect(m.press("g", 1000)).toBe("pending");
    expect(m.press("d", 1000 + sequenceMs + 1)).toBeUndefined();
    // A press that is no second key starts afresh: "g" then "/" is the filter.
    expect(m.press("g", 5000)).toBe("pending");
    expect(m.press("/", 5100)).toMatchObject({ id: "filter" });
    expect(m.press("q", 6000)).toBeUndefined();
  });

  it("gives every binding its own keys, and every kind its own letter", () => {
    const keys = keyBindings.map((b) => b.keys);
    expect(new Set(keys).size).toBe(keys.length);
    const ids = keyBindings.map((b) => b.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("tells the keys that go to a kind, or to the overview, and none for a kind without", () => {
    expect(goKeys({ group: "", resource: "pods" })).toBe("g p");
    expect(goKeys({ group: "apps", resource: "deployments" })).toBe("g d");
    expect(goKeys()).toBe("g o");
    expect(goKeys({ group: "extensions", resource: "deployments" })).toBeUndefined();
    expect(goKeys({ group: "", resource: "endpoints" })).toBeUndefined();
  });

  it("never takes a press meant for a field, the YAML editor or a terminal", () => {
    const el = (tagName: string, inside?: string) => ({ tagName, closest: (s: string) => (inside && s.includes(inside) ? {} : null) });
    expect(isTyping(el("INPUT"))).toBe(true);
    expect(isTyping(el("TEXTAREA"))).toBe(true);
    expect(isTyping({ tagName: "DIV", isContentEditable: true })).toBe(true);
    expect(isTyping(el("DIV", ".monaco-editor"))).toBe(true);
    expect(isTyping(el("DIV", ".xterm"))).toBe(true);
    expect(isTyping(el("DIV"))).toBe(false);
    expect(isTyping(null)).toBe(false);
  });

  it("writes presses as people read them and as aria-keyshortcuts wants them", () => {
    expect(keyText("mod+d", false)).toBe("Ctrl+D");
    expect(keyText("mod+d", true)).toBe("⌘D");
    expect(keyText("S", false)).toBe("Shift+S");
    expect(keyText("g p", false)).toBe("g p");
    expect(ariaKeys("mod+d", false)).toBe("Control+D");
    expect(ariaKeys("mod+d", true)).toBe("Meta+D");
    expect(ariaKeys("F", false)).toBe("Shift+F");
    expect(ariaKeys("l", false)).toBe("l");
  });
});
