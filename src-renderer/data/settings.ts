// Settings in the query cache, loaded once at start and replaced by every update. An update
// shows at once (optimistically), so two quick changes in a row build on each other instead
// of the second undoing the first; main's answer then replaces the guess. Main and the
// renderer apply a change by the same rule (src-shared/api/settings.ts).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { applySettingsChange } from "../../src-shared/api/settings.ts";
import type { Settings } from "../../src-shared/api/types.ts";
import { getSettings, updateSettings } from "../api/index.ts";
import { keys } from "./keys.ts";

export function useSettings(): Settings | undefined {
  return useQuery({ queryKey: keys.settings, queryFn: getSettings, staleTime: Infinity }).data;
}

export function useUpdateSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: updateSettings,
    onMutate: (change) => {
      const before = client.getQueryData<Settings>(keys.settings);
      if (before) client.setQueryData(keys.settings, applySettingsChange(before, change));
      return { before };
    },
    onSuccess: (s) => client.setQueryData(keys.settings, s),
    onError: (_e, _change, ctx) => ctx?.before && client.setQueryData(keys.settings, ctx.before),
  });
}
