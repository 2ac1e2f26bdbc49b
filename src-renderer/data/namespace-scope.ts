// Which namespaces a list covers: the filter the user chose for the context; with no filter,
// all of them — one watch of the whole cluster when the user may list namespaces, else one
// watch per namespace they can use (the context's own and those they typed in).
import { useMemo } from "react";
import type { NamespacesState, Settings } from "../../src-shared/api/types.ts";
import { watchNamespaces } from "../api/index.ts";
import { keys } from "./keys.ts";
import { useSettings } from "./settings.ts";
import { useStream } from "./streams.ts";

export interface NamespaceScope {
  /** undefined = every namespace through one watch. */
  namespaces?: string[];
  /** Namespaces the user can pick from. */
  known: string[];
  ready: boolean;
}

/** The scope of a context's lists, from what is known of its namespaces and the user's filter (the hook's, and the prefetch's before React draws). */
export function namespaceScope(state: NamespacesState | undefined, settings: Settings | undefined, context: string): NamespaceScope {
  const known = state?.namespaces ?? [];
  if (!settings) return { known, ready: false };
  const filter = settings.namespaceFilter[context];
  if (filter?.length) return { namespaces: filter, known, ready: true };
  // Until the namespaces are known, assume the user may list them all: the list starts at
  // once instead of a round trip later, and narrows to their namespaces if it turns out not.
  if (!state) return { known, ready: true };
  return { namespaces: state.listable ? undefined : known, known, ready: true };
}

export function useNamespaceScope(context: string, enabled = true): NamespaceScope {
  const state = useStream<NamespacesState>(keys.namespaces(context), (on) => watchNamespaces({ context }, on), enabled);
  const settings = useSettings();
  // One object while nothing changed, so that lists depending on it do not redraw.
  return useMemo(() => namespaceScope(state, settings, context), [state, settings, context]);
}
