// A list's rows are asked for as soon as its address is known, not after React has drawn
// the workspace for it (30-60 ms on our machines): when an address (a reload, a bookmark, a
// link) connects its context, its rows are asked for together with the connection, and main
// starts listing the moment the connection is up; when a list is opened in a connected
// context (the sidebar, the palette, a key), they are asked for in the address's own event.
// The queries are the ones the list itself asks (listQueries), so the list finds their
// streams running and takes them over.
import type { QueryClient } from "@tanstack/react-query";
import { resourceKey } from "../../src-shared/api/refs.ts";
import type { DiscoveryState, NamespacesState, Settings } from "../../src-shared/api/types.ts";
import { watchRows } from "../api/index.ts";
import { listResource } from "./discovery.ts";
import type { Route } from "./hash-route.ts";
import { keys } from "./keys.ts";
import { namespaceScope } from "./namespace-scope.ts";
import { listQueries, rowsStream, showsLabels } from "./rows.ts";
import { prefetchStream } from "./streams.ts";

export function prefetchList(client: QueryClient, route: Route): void {
  if (!route.context || !route.list) return;
  const info = listResource(client.getQueryData<DiscoveryState>(keys.discovery(route.context)), route.list);
  const settings = client.getQueryData<Settings>(keys.settings);
  // A custom resource before discovery has come is left to the list.
  if (!info || !settings) return;
  // The scope the list will have: its namespaces as known now (every namespace through one
  // watch until they are known, as the list itself assumes).
  const scope = namespaceScope(client.getQueryData<NamespacesState>(keys.namespaces(route.context)), settings, route.context);
  const namespaces = info.namespaced ? scope.namespaces : undefined;
  for (const q of listQueries(route.context, info, namespaces, undefined, showsLabels(settings.columns[resourceKey(info)]))) {
    prefetchStream(
      client,
      keys.rows(q),
      rowsStream((h) => watchRows(q, h)),
    );
  }
}
