// A list opened by its address (a reload, a bookmark, a link) first connects its context. Its
// rows are asked for together with the connection, not after the workspace has drawn: main
// starts listing the moment the connection is up. The queries are the ones the list itself
// asks (listQueries), so the list finds their streams running and takes them over.
import type { QueryClient } from "@tanstack/react-query";
import { resourceKey } from "../../src-shared/api/refs.ts";
import type { Settings } from "../../src-shared/api/types.ts";
import { watchRows } from "../api/index.ts";
import { builtinResource } from "./discovery.ts";
import type { Route } from "./hash-route.ts";
import { keys } from "./keys.ts";
import { listQueries, rowsStream, showsLabels } from "./rows.ts";
import { prefetchStream } from "./streams.ts";

export function prefetchList(client: QueryClient, route: Route): void {
  // A custom resource's version and scope come from discovery, which needs the connection.
  const info = route.context && route.list ? builtinResource(route.list) : undefined;
  const settings = client.getQueryData<Settings>(keys.settings);
  if (!route.context || !info || !settings) return;
  // Without a namespace filter, the list watches every namespace (NamespaceScope assumes the
  // user may until the namespaces say otherwise; then it asks per namespace, and this goes unused).
  const filter = settings.namespaceFilter[route.context];
  const namespaces = info.namespaced && filter?.length ? filter : undefined;
  for (const q of listQueries(route.context, info, namespaces, undefined, showsLabels(settings.columns[resourceKey(info)]))) {
    prefetchStream(
      client,
      keys.rows(q),
      rowsStream((h) => watchRows(q, h)),
    );
  }
}
