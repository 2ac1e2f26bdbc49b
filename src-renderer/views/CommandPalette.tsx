// Ctrl/Cmd+K (or the desktop app's menu) opens the command palette. Only the key lives in the app's first chunk; the
// dialog (fuzzy search, object rows, actions) is loaded the first time it opens.
import { useHotkeys } from "@mantine/hooks";
import { useEffect, useState } from "react";
import { lazyView, preloadWhenIdle } from "../components/lazy-view.tsx";
import { openPaletteEvent } from "../keys/keymap.ts";
import type { PaletteProps } from "./PaletteDialog.tsx";

const Palette = lazyView(() => import("./PaletteDialog.tsx").then((m) => m.PaletteDialog));

export function CommandPalette(props: Omit<PaletteProps, "onClose">) {
  const [open, setOpen] = useState(false);
  useHotkeys([["mod+K", () => setOpen((o) => !o)]], []);
  useEffect(() => preloadWhenIdle(Palette.preload), []);
  // The desktop app's menu item (AppKeys).
  useEffect(() => {
    const show = () => setOpen(true);
    window.addEventListener(openPaletteEvent, show);
    return () => window.removeEventListener(openPaletteEvent, show);
  }, []);
  if (!open) return null;
  return <Palette.View {...props} onClose={() => setOpen(false)} />;
}
