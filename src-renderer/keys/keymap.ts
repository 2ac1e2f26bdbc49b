// Presses into the app-wide keys of src-shared/kinds/app-keys.ts: names, sequences, and when a
// press is not the app's (the user types in a field, the YAML editor or a terminal).
import { keyBindings, type KeyBinding } from "../../src-shared/kinds/app-keys.ts";

/** The keys that go to a kind's list ("g p" for pods), or to the overview with no kind. */
export function goKeys(to?: { group: string; resource: string }): string | undefined {
  return keyBindings.find((b) => {
    const c = b.command;
    if (c.type !== "go") return false;
    return c.to === "overview" ? !to : !!to && c.to.group === to.group && c.to.resource === to.resource;
  })?.keys;
}

/** What the handler needs of a key press (a KeyboardEvent has all of it). */
export interface Press {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/** "mod+k" for Ctrl+K (Cmd+K on macOS); a plain key as it is. Alt and the other combinations are not ours. */
export function pressName(p: Press): string | undefined {
  if (p.altKey) return undefined;
  if (p.ctrlKey || p.metaKey) return p.key.length === 1 ? `mod+${p.key.toLowerCase()}` : undefined;
  return p.key.length === 1 ? p.key : undefined;
}

/** Whether a key press belongs to what has focus: a field, a select's search, the YAML editor (Monaco), a terminal (xterm). */
export function isTyping(target: { tagName?: string; isContentEditable?: boolean; closest?(selector: string): unknown } | null): boolean {
  if (!target) return false;
  const tag = target.tagName?.toLowerCase();
  if (tag === "input" || tag === "textarea" || tag === "select" || target.isContentEditable) return true;
  return !!target.closest?.(".monaco-editor, .xterm");
}

/**
 * The name of a press that is the app's to take, or undefined: one already taken, one made
 * while the user types, or one inside a dialog that asks something (it keeps its keys).
 */
export function appPress(e: Press & { defaultPrevented: boolean; target: EventTarget | null }): string | undefined {
  const target = e.target as (HTMLElement & { closest?(s: string): unknown }) | null;
  if (e.defaultPrevented || isTyping(target) || target?.closest?.(".mantine-Modal-content")) return undefined;
  return pressName(e);
}

/** Asks the command palette to open (a menu click; its key, the palette takes itself). */
export const openPaletteEvent = "kubedeck:open-palette";

/** How long the second press of a sequence may wait. */
export const sequenceMs = 1500;

/**
 * Presses in, bindings out: `press` returns the binding a press completes, "pending" when it
 * starts a sequence, or undefined. A first press that begins no binding is let go at once, so
 * ordinary keys (arrows, Enter in a table) keep their meaning.
 */
export function sequenceMatcher(bindings: KeyBinding[] = keyBindings) {
  let pending: { first: string; at: number } | undefined;
  return {
    press(name: string, now: number): KeyBinding | "pending" | undefined {
      if (pending && now - pending.at <= sequenceMs) {
        const whole = `${pending.first} ${name}`;
        pending = undefined;
        const hit = bindings.find((b) => b.keys === whole);
        if (hit) return hit;
      }
      pending = undefined;
      const single = bindings.find((b) => b.keys === name);
      if (single) return single;
      if (bindings.some((b) => b.keys.startsWith(`${name} `))) {
        pending = { first: name, at: now };
        return "pending";
      }
      return undefined;
    },
  };
}

/** A press as a person reads it: "Ctrl+D" (⌘D on macOS), "Shift+S", "g p". */
export function keyText(keys: string, mac = typeof navigator !== "undefined" && /Mac/.test(navigator.platform)): string {
  return keys
    .split(" ")
    .map((k) => (k.startsWith("mod+") ? `${mac ? "⌘" : "Ctrl+"}${k.slice(4).toUpperCase()}` : k.length === 1 && k !== k.toLowerCase() ? `Shift+${k}` : k))
    .join(" ");
}

/** A press as aria-keyshortcuts writes it: "Control+D" (Meta on macOS), "Shift+S", "e". */
export function ariaKeys(keys: string, mac = typeof navigator !== "undefined" && /Mac/.test(navigator.platform)): string {
  if (keys.startsWith("mod+")) return `${mac ? "Meta" : "Control"}+${keys.slice(4).toUpperCase()}`;
  return keys.length === 1 && keys !== keys.toLowerCase() ? `Shift+${keys}` : keys;
}
