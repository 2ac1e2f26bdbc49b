// A stream from main, held in the query cache under `key`: every event replaces the
// cached value, every reader of the key re-renders. The stream stops with the last reader.
import { useQuery, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useEffect } from "react";

export function useStream<T>(key: QueryKey, start: (onEvent: (v: T) => void) => () => void, enabled = true): T | undefined {
  const client = useQueryClient();
  const hash = JSON.stringify(key);
  const { data } = useQuery<T>({ queryKey: key, queryFn: () => new Promise<T>(() => {}), enabled: false, staleTime: Infinity });
  useEffect(() => {
    if (!enabled) return;
    return start((v) => client.setQueryData(key, v));
    // The key's content, not its identity, decides when to resubscribe.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [hash, enabled]);
  return data;
}
