// The action table's keys, apart from the table itself: the app's first screen lists them (the
// `?` sheet) without loading the table's schemas and their library.
import type { ActionId } from "./actions.ts";

/**
 * The key of each action (k9s users' habits where they fit), as src-renderer/keys/keymap.ts
 * names presses: it runs the action on the open object, the selection, or the focused row,
 * through the same dialog and permission check as its button. The destructive ones that
 * cannot be undone (force delete, finalizers, delete all) have none: a slip of the finger
 * should not start them. Never `g`, `/`, `?`, `[` or `]`: those are the app's.
 */
export const actionKeys: Partial<Record<ActionId, string>> = {
  delete: "mod+d",
  scale: "S",
  restart: "r",
  cordon: "c",
  uncordon: "u",
  trigger: "T",
  debug: "d",
  debugNode: "d",
  setImage: "i",
  pause: "p",
  resume: "P",
  rollback: "U",
  suspend: "z",
  unsuspend: "Z",
  drain: "D",
  taint: "t",
  label: "L",
  annotate: "A",
};
