// Settings in the query cache, loaded once at start and replaced by every update.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
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
    onSuccess: (s) => client.setQueryData(keys.settings, s),
  });
}
