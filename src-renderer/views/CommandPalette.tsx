// Ctrl/Cmd+K opens the command palette. Only the key lives in the app's first chunk; the
// dialog (fuzzy search, object rows, actions) is loaded the first time it opens.
import { useHotkeys } from "@mantine/hooks";
import { lazy, Suspense, useState } from "react";
import type { PaletteProps } from "./PaletteDialog.tsx";

const PaletteDialog = lazy(() => import("./PaletteDialog.tsx").then((m) => ({ default: m.PaletteDialog })));

export function CommandPalette(props: Omit<PaletteProps, "onClose">) {
  const [open, setOpen] = useState(false);
  useHotkeys([["mod+K", () => setOpen((o) => !o)]], []);
  if (!open) return null;
  return (
    <Suspense fallback={null}>
      <PaletteDialog {...props} onClose={() => setOpen(false)} />
    </Suspense>
  );
}
