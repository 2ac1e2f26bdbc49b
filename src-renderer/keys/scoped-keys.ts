// Keys that belong to what is on screen (an action of the open object, of the list's
// selection, of the focused row): registered while shown, in layers. Only the top layer
// present hears them, so with an object's details open, `r` restarts that object and never
// the list's selection behind it. The app-wide keys (AppKeys) come first: a press they take
// is not seen here.
import { notifications } from "@mantine/notifications";
import { useEffect, useLayoutEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
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
  // Registered as the DOM commits, not a frame later: a key pressed as soon as its row shows
  // focused (aria-keyshortcuts says which) is heard.
  useLayoutEffect(() => {
    const scope: Scope = { layer, keys: () => latest.current.keys, when: () => latest.current.when?.() ?? true };
    if (!scopes.size) window.addEventListener("keydown", onKey);
    scopes.add(scope);
    return () => {
      scopes.delete(scope);
      if (!scopes.size) window.removeEventListener("keydown", onKey);
    };
  }, [layer]);
}

/**
 * A guarded button's key (the edit, stream and forward buttons of the details panel, the
 * focused row's): it does what the button does when the cluster allows it, else names the
 * missing permission as the disabled button's tooltip does. Pressed before the cluster has
 * answered (a row just moved to), it waits for the answer instead of asking for a retry.
 */
export function useGuardedKey(
  layer: KeyLayer,
  press: string,
  access: { allowed: boolean; reason?: string },
  title: string,
  run: () => void,
  when?: () => boolean,
) {
  const { t } = useTranslation();
  const waiting = useRef(false);
  const latest = useRef({ run, title });
  latest.current = { run, title };
  const refuse = (reason: string) => notifications.show({ color: "red", title: latest.current.title, message: t("actions.forbidden", { need: reason }) });
  useEffect(() => {
    if (!waiting.current || (!access.allowed && !access.reason)) return;
    waiting.current = false;
    if (access.allowed) latest.current.run();
    else refuse(access.reason!);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- refuse reads only refs and t
  }, [access.allowed, access.reason]);
  useScopedKeys(
    layer,
    {
      [press]: () => {
        if (access.allowed) run();
        else if (access.reason) refuse(access.reason);
        else waiting.current = true;
      },
    },
    when,
  );
}
