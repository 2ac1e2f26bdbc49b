// The one rule for applying a settings change, used by main when it stores the change and
// by the renderer when it shows the change before main has answered (optimistic update).
import type { CallInput } from "./contract.ts";
import type { Settings } from "./types.ts";

export type SettingsChange = CallInput<"settings.update">;

/** The settings after `change`; `s` is left as it was. */
export function applySettingsChange(s: Settings, change: SettingsChange): Settings {
  const next = { ...s };
  if (change.language) next.language = change.language;
  if (change.theme) next.theme = change.theme;
  if (change.namespaceFilter) next.namespaceFilter = { ...s.namespaceFilter, [change.namespaceFilter.context]: change.namespaceFilter.namespaces };
  if (change.manualNamespaces) next.manualNamespaces = { ...s.manualNamespaces, [change.manualNamespaces.context]: change.manualNamespaces.namespaces };
  if (change.columns) next.columns = { ...s.columns, [change.columns.resource]: change.columns.visible };
  if (change.helmPath !== undefined) next.helmPath = change.helmPath;
  return next;
}
