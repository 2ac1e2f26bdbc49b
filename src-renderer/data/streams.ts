// Streams from main held in the query cache (DESIGN §4): each stream writes under its key,
// every reader of the key re-renders, and readers of one key share one stream, which stops
// with the last of them. The value stays cached for the query's gcTime, so coming back to a
// view shows what it had at once while its stream starts again.
import { hashKey, replaceEqualDeep, useQuery, useQueryClient, type QueryClient, type QueryKey } from "@tanstack/react-query";
import { useEffect } from "react";

export type Setter<T> = (update: (prev: T | undefined) => T) => void;
/** Starts a stream writing into the cache through `set`; returns how to stop it. */
export type StreamStart<T> = (set: Setter<T>, cached: T | undefined) => () => void;

type OpenStreams = Map<string, { readers: number; stop: () => void; onReader?: () => void }>;
/** The streams running for each cache: they write into it, so they belong to it. */
const running = new WeakMap<QueryClient, OpenStreams>();

/** One more reader of the stream under `key`, started if it was not running; returns the reader's release. */
export function acquireStream<T>(client: QueryClient, key: QueryKey, start: StreamStart<T>): () => void {
  let open = running.get(client);
  if (!open) running.set(client, (open = new Map()));
  const hash = hashKey(key);
  let stream = open.get(hash);
  if (stream) {
    stream.readers++;
    const taken = stream.onReader;
    stream.onReader = undefined;
    taken?.();
  } else {
    const created = { readers: 1, stop: () => {} };
    open.set(hash, created);
    created.stop = start((update) => client.setQueryData<T>(key, (prev) => update(prev)), client.getQueryData<T>(key));
    stream = created;
  }
  const own = stream;
  return () => {
    if (--own.readers > 0) return;
    own.stop();
    if (open.get(hash) === own) open.delete(hash);
  };
}

/**
 * Starts the stream under `key` ahead of its first reader, and holds it until a reader takes
 * it over, or for `ms` at most when none comes (the user went elsewhere).
 */
export function prefetchStream<T>(client: QueryClient, key: QueryKey, start: StreamStart<T>, ms = 15_000): void {
  const release = acquireStream(client, key, start);
  const stream = running.get(client)!.get(hashKey(key))!;
  if (stream.readers > 1) return release();
  const timer = setTimeout(() => {
    stream.onReader = undefined;
    release();
  }, ms);
  stream.onReader = () => {
    clearTimeout(timer);
    release();
  };
}

/**
 * The options of a query whose value a stream writes: never fetched, never stale, and not
 * compared deeply on each write (a 30,000-row list changes by a few rows at a time).
 */
export const streamedQuery = <T>(queryKey: QueryKey) => ({
  queryKey,
  queryFn: () => new Promise<T>(() => {}),
  enabled: false,
  staleTime: Infinity,
  structuralSharing: false,
});

/**
 * The stream behind useStream: each event replaces the value, but a value equal to the last
 * keeps its identity (and what is unchanged keeps its own): discovery or the namespaces said
 * again redraw nothing that depends on them. For small values only; rows have rowsStream.
 */
export const valueStream =
  <T>(start: (onEvent: (v: T) => void) => () => void): StreamStart<T> =>
  (set) =>
    start((v) => set((prev) => replaceEqualDeep(prev, v)));

/** A stream whose every event replaces the cached value (contexts, connections, namespaces, discovery). */
export function useStream<T>(key: QueryKey, start: (onEvent: (v: T) => void) => () => void, enabled = true): T | undefined {
  const client = useQueryClient();
  const hash = hashKey(key);
  const { data } = useQuery<T>(streamedQuery<T>(key));
  useEffect(() => {
    if (!enabled) return;
    return acquireStream<T>(client, key, valueStream(start));
    // The key's content, not its identity, decides when to resubscribe.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [hash, enabled]);
  return data;
}
