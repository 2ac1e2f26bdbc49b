// A resource's rows, live (DESIGN §4): the snapshot and batched changes of `resources.watch`
// applied by the pure reducer into one Map per subscription. The Map is updated in place,
// and the array readers get changes only when a batch arrived.
import { useEffect, useMemo, useRef, useState } from "react";
import type { StreamInput } from "../../src-shared/api/contract.ts";
import type { ApiErrorShape } from "../../src-shared/api/errors.ts";
import { applyRowsEvent } from "../../src-shared/api/rows-reducer.ts";
import type { ResourceRow } from "../../src-shared/api/types.ts";
import { watchResources } from "../api/index.ts";

export interface RowsState {
  rows: ResourceRow[];
  /** The rows of each target, in the targets' order. */
  perTarget: ResourceRow[][];
  /** The first snapshot has arrived. */
  loaded: boolean;
  /** The watch is up; false while main reconnects it. */
  live: boolean;
  error?: ApiErrorShape;
}

/** `targets`: one watch per namespace (or one for all); their rows are shown together. */
export function useResourceRows(targets: StreamInput<"resources.watch">[] | undefined): RowsState {
  const maps = useRef<Map<string, ResourceRow>[]>([]);
  const [version, setVersion] = useState(0);
  const [status, setStatus] = useState<{ loaded: boolean[]; live: boolean[]; error?: ApiErrorShape }>({ loaded: [], live: [] });
  const hash = JSON.stringify(targets ?? null);

  useEffect(() => {
    if (!targets) return;
    maps.current = targets.map(() => new Map());
    setStatus({ loaded: targets.map(() => false), live: targets.map(() => false) });
    setVersion((v) => v + 1);
    const stops = targets.map((t, i) =>
      watchResources(
        t,
        (e) => {
          if (e.type === "state") {
            setStatus((s) => ({ ...s, live: s.live.map((l, j) => (j === i ? e.live : l)), error: e.live ? undefined : e.error }));
            return;
          }
          applyRowsEvent(maps.current[i], e);
          if (e.type === "snapshot") setStatus((s) => ({ ...s, loaded: s.loaded.map((l, j) => (j === i ? true : l)) }));
          setVersion((v) => v + 1);
        },
        (error) => setStatus((s) => ({ ...s, error: error.toJSON() })),
      ),
    );
    return () => stops.forEach((stop) => stop());
    // The targets' content, not their identity, decides when to resubscribe.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [hash]);

  const perTarget = useMemo(
    () => maps.current.map((m) => [...m.values()]),
    // `version` counts the batches applied to the maps.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [version],
  );
  const rows = useMemo(() => (perTarget.length === 1 ? perTarget[0] : perTarget.flat()), [perTarget]);
  return {
    rows,
    perTarget,
    loaded: status.loaded.length > 0 && status.loaded.every(Boolean),
    live: status.live.length > 0 && status.live.every(Boolean),
    error: status.error,
  };
}
