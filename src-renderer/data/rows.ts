// A resource's rows, live (DESIGN §4): `resources.watch` applied by the pure reducer, held
// in the query cache under keys.rows(query). A list, the palette and a details panel that
// ask for the same rows share one stream. Rows cached by an earlier visit are shown at once
// and stay until the resumed watch has its complete list, so nothing shrinks and regrows.
import { hashKey, useQueries, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo } from "react";
import type { ApiErrorShape } from "../../src-shared/api/errors.ts";
import type { ResourceType, RowsQuery } from "../../src-shared/api/refs.ts";
import { applyRowsEvent } from "../../src-shared/api/rows-reducer.ts";
import type { PolledList, ResourceRow } from "../../src-shared/api/types.ts";
import { watchRows, type StreamHandlers } from "../api/index.ts";
import { keys } from "./keys.ts";
import { acquireStream, streamedQuery, type Setter } from "./streams.ts";

export interface Rows {
  rows: ResourceRow[];
  /** The first list has arrived. */
  loaded: boolean;
  /** The watch is up; false while main reconnects it, or while cached rows wait for a resumed watch. */
  live: boolean;
  /** Set while the list cannot be watched and main reads it again now and then instead. */
  polled?: PolledList;
  error?: ApiErrorShape;
}

export interface RowsState extends Rows {
  /** The rows of each query, in the queries' order. */
  perQuery: ResourceRow[][];
}

const none: Rows = { rows: [], loaded: false, live: false };

type Watch = (handlers: StreamHandlers<"resources.watch">) => { stop(): void };

/**
 * The stream behind keys.rows(query), given how to watch it: events reduced into one Map and
 * published as an array per batch. Rows cached by an earlier visit stay until the resumed
 * watch is live, then the new list replaces them whole.
 */
export function rowsStream(watch: Watch) {
  return (set: Setter<Rows>, cached: Rows | undefined) => {
    const map = new Map<string, ResourceRow>();
    let staging = !!cached?.loaded;
    const publish = (change: Partial<Rows>) => set((prev) => ({ ...(prev ?? none), ...change }));
    if (staging) publish({ live: false });
    const sub = watch({
      onEvent: (e) => {
        if (e.type === "state") {
          if (e.live && staging) {
            staging = false;
            return publish({ rows: [...map.values()], loaded: true, live: true, error: undefined, polled: e.polled });
          }
          return publish({ live: e.live, error: e.live ? undefined : e.error, polled: e.live ? e.polled : undefined });
        }
        applyRowsEvent(map, e);
        if (!staging) publish({ rows: [...map.values()], ...(e.type === "snapshot" ? { loaded: true } : {}) });
      },
      onError: (error) => publish({ live: false, error: error.toJSON() }),
    });
    return () => sub.stop();
  };
}

/** kubectl's --show-labels, as a list column chosen like the others: its cell comes from main only while it is shown. */
export const labelsColumnId = "LABELS";

/** Whether a list shows its labels column, given the columns the user chose (none chosen: the defaults, without it). */
export const showsLabels = (chosen: readonly string[] | undefined) => !!chosen?.includes(labelsColumnId);

/** The rows queries a list asks: one watch of every namespace (`namespaces` undefined), or one per namespace. */
export function listQueries(
  context: string,
  type: ResourceType,
  namespaces: readonly string[] | undefined,
  labelSelector: string | undefined,
  showLabels: boolean,
): RowsQuery[] {
  const base = {
    context,
    group: type.group,
    version: type.version,
    resource: type.resource,
    labelSelector: labelSelector || undefined,
    ...(showLabels ? { showLabels } : {}),
  };
  return namespaces ? namespaces.map((namespace) => ({ ...base, namespace })) : [base];
}

/** Rows of one or more queries (one watch per namespace, or one for all), shown together. */
export function useRows(queries: RowsQuery[] | undefined): RowsState {
  const client = useQueryClient();
  const list = queries ?? [];
  const hash = hashKey(list);
  useEffect(() => {
    const releases = list.map((q) =>
      acquireStream(
        client,
        keys.rows(q),
        rowsStream((h) => watchRows(q, h)),
      ),
    );
    return () => releases.forEach((release) => release());
    // The queries' content, not their identity, decides when to resubscribe.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [hash, client]);
  const results = useQueries({ queries: list.map((q) => streamedQuery<Rows>(keys.rows(q))) });
  const states = results.map((r) => r.data ?? none);
  // Recombined only when a query's value is a new one (TanStack's `combine` would compare
  // 30,000 rows deeply instead).
  const identity = states.map(idOf).join(",");
  return useMemo(
    () => {
      const perQuery = states.map((s) => s.rows);
      return {
        rows: perQuery.length === 1 ? perQuery[0] : perQuery.flat(),
        perQuery,
        loaded: states.length > 0 && states.every((s) => s.loaded),
        live: states.length > 0 && states.every((s) => s.live),
        polled: states.find((s) => s.polled)?.polled,
        error: states.find((s) => s.error)?.error,
      };
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [identity],
  );
}

const ids = new WeakMap<object, number>();
let lastId = 0;
function idOf(o: object): number {
  let id = ids.get(o);
  if (id === undefined) ids.set(o, (id = ++lastId));
  return id;
}
