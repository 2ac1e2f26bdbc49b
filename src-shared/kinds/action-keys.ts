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
  schedule: "w",
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

/** Opens the YAML editor on the open object or the focused row (k9s's `e`). */
export const editKey = "e";

/**
 * The keys of a pod's streams and a workload's logs (their buttons in the details panel, k9s's
 * letters): a shell, the console, the log, a port forward. Not in the action table: they open a
 * tab of the dock or a dialog, nothing is sent to the cluster by the press.
 */
export const streamKeys = { exec: "s", attach: "a", logs: "l", portForward: "F" } as const;
