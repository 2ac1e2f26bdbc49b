// Where the user is lives in the address, so a reload (or a link in the details panel)
// lands on the same place:
//   #/context/NAME                                   the context's overview
//   #/context/NAME/r/GROUP|core/VERSION/RESOURCE     a resource's list
//   …/RESOURCE/NAMESPACE|_/OBJECT                    with one object's details open
//   #/context/NAME/journal                           the context's change journal
//   #/terminal/NAME/NAMESPACE/POD/CONTAINER/TOKEN    a terminal in a window of its own (detached
//                                                    from the dock; TOKEN takes the session over once)
import { useSyncExternalStore } from "react";
import type { ResourceType } from "../../src-shared/api/refs.ts";

export interface Route {
  context?: string;
  list?: ResourceType;
  object?: { namespace?: string; name: string };
  journal?: boolean;
  terminal?: DetachedTerminalRoute;
}

export interface DetachedTerminalRoute {
  context: string;
  namespace: string;
  pod: string;
  container: string;
  mode: "exec" | "attach";
  resume: string;
}

const prefix = "#/context/";
const terminalPrefix = "#/terminal/";

export function parseRoute(hash: string): Route {
  if (hash.startsWith(terminalPrefix)) {
    const [context, namespace, pod, container, mode, resume] = hash.slice(terminalPrefix.length).split("/").map(decodeURIComponent);
    if (!context || !namespace || !pod || !container || (mode !== "exec" && mode !== "attach") || !resume) return {};
    return { terminal: { context, namespace, pod, container, mode, resume } };
  }
  if (!hash.startsWith(prefix)) return {};
  const parts = hash.slice(prefix.length).split("/").map(decodeURIComponent);
  const route: Route = { context: parts[0] || undefined };
  if (parts[1] === "journal") route.journal = true;
  if (parts[1] === "r" && parts.length >= 5) {
    route.list = { group: parts[2] === "core" ? "" : parts[2], version: parts[3], resource: parts[4] };
    if (parts.length >= 7 && parts[6]) route.object = { namespace: parts[5] === "_" ? undefined : parts[5], name: parts[6] };
  }
  return route;
}

export function formatRoute(r: Route): string {
  const e = encodeURIComponent;
  if (r.terminal) {
    const x = r.terminal;
    return terminalPrefix + [x.context, x.namespace, x.pod, x.container, x.mode, x.resume].map(e).join("/");
  }
  if (!r.context) return "";
  let hash = prefix + e(r.context);
  if (r.journal) return `${hash}/journal`;
  if (r.list) {
    hash += `/r/${r.list.group ? e(r.list.group) : "core"}/${e(r.list.version)}/${e(r.list.resource)}`;
    if (r.object) hash += `/${r.object.namespace ? e(r.object.namespace) : "_"}/${e(r.object.name)}`;
  }
  return hash;
}

let cached: { hash: string; route: Route } = { hash: "", route: {} };
/** The route the address names now (outside React: a hashchange listener). */
export function currentRoute(): Route {
  if (cached.hash !== location.hash) cached = { hash: location.hash, route: parseRoute(location.hash) };
  return cached.route;
}

function subscribe(cb: () => void) {
  window.addEventListener("hashchange", cb);
  return () => window.removeEventListener("hashchange", cb);
}

export const navigate = (r: Route) => {
  location.hash = formatRoute(r);
};

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, currentRoute);
}

const selectContext = (name: string | undefined) => navigate({ context: name });
const currentContext = () => currentRoute().context;

/** The context the address names, and how to choose another. Only a change of context re-renders the caller, not every change of address. */
export function useSelectedContext(): [string | undefined, (name: string | undefined) => void] {
  return [useSyncExternalStore(subscribe, currentContext), selectContext];
}
