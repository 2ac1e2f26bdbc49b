// The app-wide keys of keymap.ts, live: one keydown listener on the window. It steps aside while
// the user types (a field, the YAML editor, a terminal) and while a dialog asks something; Esc
// is the dialogs' and panels' own. `?` opens the sheet of every key.
import { Kbd } from "@mantine/core";
import type { TFunction } from "i18next";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { subscribeMenu } from "../api/index.ts";
import { navigate, parseRoute } from "../data/hash-route.ts";
import { keyBindings, type KeyBinding } from "../../src-shared/kinds/app-keys.ts";
import { lazyView } from "../components/lazy-view.tsx";
import { appPress, openPaletteEvent, sequenceMatcher } from "./keymap.ts";

// The sheet of every key is a dialog, opened with `?`: its code (and the dialog's) arrives then, not at start.
const KeySheet = lazyView(() => import("./KeySheet.tsx").then((m) => m.KeySheet));

interface Props {
  /** The context shown now. */
  selected?: string;
  /** Connected contexts, in the switcher's order: `[` and `]` move between them. */
  connected: string[];
  onSelect(context: string): void;
}

export function AppKeys({ selected, connected, onSelect }: Props) {
  const [sheet, setSheet] = useState(false);
  // The handler is added once; what it acts on is read from here.
  const latest = useRef({ selected, connected, onSelect });
  latest.current = { selected, connected, onSelect };

  useEffect(() => {
    const matcher = sequenceMatcher();
    const onKey = (e: KeyboardEvent) => {
      const name = appPress(e);
      if (!name) return;
      const hit = matcher.press(name, e.timeStamp || Date.now());
      if (hit === "pending") return e.preventDefault();
      // The palette takes its own key (CommandPalette); a menu click opens it through run().
      if (!hit || hit.command.type === "palette") return;
      e.preventDefault();
      runKey.current(hit);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  // The desktop app's menus say the same keys, in this language, and a click runs the same way.
  const { t } = useTranslation();
  const labels = useMemo(() => menuLabels(t), [t]);
  useEffect(() => {
    const sub = subscribeMenu(labels, (id) => {
      const b = keyBindings.find((k) => k.id === id);
      if (b) runKey.current(b);
    });
    return () => sub.stop();
  }, [labels]);

  // The handlers above are added once; what a key does reads this render's state.
  const runKey = useRef(run);
  runKey.current = run;
  /** What a key does, whether pressed or clicked in a menu. */
  function run(b: KeyBinding) {
    const { connected: list, onSelect: select } = latest.current;
    // The address, not the last render: a second press may come before the first one's redraw.
    const context = parseRoute(location.hash).context ?? latest.current.selected;
    const c = b.command;
    if (c.type === "help") return setSheet(true);
    if (c.type === "palette") return window.dispatchEvent(new Event(openPaletteEvent));
    if (c.type === "filter") return document.querySelector<HTMLInputElement>('[data-keys="filter"]')?.focus();
    if (c.type === "cluster") {
      if (!list.length) return;
      const at = context ? list.indexOf(context) : -1;
      return select(list[(at + c.step + list.length) % list.length]);
    }
    if (c.type !== "go" || !context) return;
    navigate(c.to === "overview" ? { context } : { context, list: c.to });
  }

  return sheet ? <KeySheet.View onClose={() => setSheet(false)} /> : null;
}

/** A binding's keys as they are pressed: `g` `p`, Ctrl `K`. */
export function KeysOf({ keys }: { keys: string }) {
  const mac = /Mac/.test(navigator.platform);
  return (
    <>
      {keys.split(" ").map((k, i) => (
        <span key={i}>
          {i > 0 && " "}
          {k.startsWith("mod+") ? (
            <>
              <Kbd size="xs">{mac ? "⌘" : "Ctrl"}</Kbd> + <Kbd size="xs">{k.slice(4).toUpperCase()}</Kbd>
            </>
          ) : (
            <Kbd size="xs">{k.length === 1 && k !== k.toLowerCase() ? `Shift+${k}` : k}</Kbd>
          )}
        </span>
      ))}
    </>
  );
}

/** What a key does, in words: the sheet's lines and the menus' items. */
export function keyWhat(t: TFunction, b: KeyBinding): string {
  return b.command.type === "go"
    ? t("keys.go", { what: b.command.to === "overview" ? t("nav.overview") : t(`kinds.${b.command.to.resource}`) })
    : t(`keys.help.${b.id}`);
}

/** The menus' labels (src-main/platform/app-menu.ts): one per key, and the menus' own names. */
function menuLabels(t: TFunction): Record<string, string> {
  const labels: Record<string, string> = Object.fromEntries(keyBindings.map((b) => [b.id, keyWhat(t, b)]));
  for (const menu of ["view", "go", "help"]) labels[`menu.${menu}`] = t(`keys.menu.${menu}`);
  return labels;
}
