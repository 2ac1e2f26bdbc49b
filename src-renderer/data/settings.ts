// Settings in the query cache, loaded once at start and replaced by every update. An update
// shows at once (optimistically), so two quick changes in a row build on each other instead
// of the second undoing the first; main's answer then replaces the guess.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CallInput } from "../../src-shared/api/contract.ts";
import type { Settings } from "../../src-shared/api/types.ts";
import { getSettings, updateSettings } from "../api/index.ts";
import { keys } from "./keys.ts";

export function useSettings(): Settings | undefined {
  return useQuery({ queryKey: keys.settings, queryFn: getSettings, staleTime: Infinity }).data;
}

/** The settings as they will be once main applies `change` (the same rules as main's router). */
export function applyChange(s: Settings, change: CallInput<"settings.update">): Settings {
  const next = { ...s };
  if (change.language) next.language = change.language;
  if (change.theme) next.theme = change.theme;
  if (change.namespaceFilter) next.namespaceFilter = { ...s.namespaceFilter, [change.namespaceFilter.context]: change.namespaceFilter.namespaces };
  if (change.manualNamespaces) next.manualNamespaces = { ...s.manualNamespaces, [change.manualNamespaces.context]: change.manualNamespaces.namespaces };
  if (change.columns) next.columns = { ...s.columns, [change.columns.resource]: change.columns.visible };
  return next;
}

export function useUpdateSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: updateSettings,
    onMutate: (change) => {
      const before = client.getQueryData<Settings>(keys.settings);
      if (before) client.setQueryData(keys.settings, applyChange(before, change));
      return { before };
    },
    onSuccess: (s) => client.setQueryData(keys.settings, s),
    onError: (_e, _change, ctx) => ctx?.before && client.setQueryData(keys.settings, ctx.before),
  });
}
