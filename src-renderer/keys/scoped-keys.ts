// Keys that belong to what is on screen (an action of the open object, of the list's
// selection, of the focused row): registered while shown, in layers. Only the top layer
// present hears them, so with an object's details open, `r` restarts that object and never
// the list's selection behind it. The app-wide keys (AppKeys) come first: a press they take
// is not seen here.
import { useEffect, useRef } from "react";
import { appPress } from "./keymap.ts";

/** The list (its selection, its focused row) under the details panel. */
export type KeyLayer = "list" | "details";
const order: Record<KeyLayer, number> = { list: 0, details: 1 };

interface Scope {
  layer: KeyLayer;
  keys: () => Record<string, () => void>;
  /** Listens only while this holds (the focused row's keys: while the list has focus). */
  when?: () => boolean;
}

const scopes = new Set<Scope>();

function onKey(e: KeyboardEvent) {
  const name = appPress(e);
  if (!name) return;
  const present = [...scopes];
  const top = Math.max(...present.map((s) => order[s.layer]));
  for (const s of present) {
    if (order[s.layer] !== top || (s.when && !s.when())) continue;
    const run = s.keys()[name];
    if (!run) continue;
    e.preventDefault();
    run();
    return;
  }
}

/** While mounted, `keys` (a press's name, as keymap.ts writes it → what it does) are heard in `layer`. */
export function useScopedKeys(layer: KeyLayer, keys: Record<string, () => void>, when?: () => boolean) {
  const latest = useRef({ keys, when });
  latest.current = { keys, when };
  useEffect(() => {
    const scope: Scope = { layer, keys: () => latest.current.keys, when: () => latest.current.when?.() ?? true };
    if (!scopes.size) window.addEventListener("keydown", onKey);
    scopes.add(scope);
    return () => {
      scopes.delete(scope);
      if (!scopes.size) window.removeEventListener("keydown", onKey);
    };
  }, [layer]);
}
