// A stream from main, held in the query cache under `key`: every event replaces the
// cached value, every reader of the key re-renders. Readers of one key share one stream,
// which stops with the last of them.
import { useQuery, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useEffect } from "react";

const open = new Map<string, { readers: number; stop: () => void }>();

export function useStream<T>(key: QueryKey, start: (onEvent: (v: T) => void) => () => void, enabled = true): T | undefined {
  const client = useQueryClient();
  const hash = JSON.stringify(key);
  const { data } = useQuery<T>({ queryKey: key, queryFn: () => new Promise<T>(() => {}), enabled: false, staleTime: Infinity });
  useEffect(() => {
    if (!enabled) return;
    let stream = open.get(hash);
    if (stream) stream.readers++;
    else {
      stream = { readers: 1, stop: start((v) => client.setQueryData(key, v)) };
      open.set(hash, stream);
    }
    const own = stream;
    return () => {
      if (--own.readers === 0) {
        own.stop();
        open.delete(hash);
      }
    };
    // The key's content, not its identity, decides when to resubscribe.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [hash, enabled]);
  return data;
}
