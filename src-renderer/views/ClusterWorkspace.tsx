// A selected context: once connected, the resource sidebar beside either the overview or a
// resource's live list (with an object's details when one is open). A list opened by its
// address draws while its context connects: main holds its requests (rows, discovery,
// namespaces, access checks) until the connection is made, rows first and the rest once they
// have their first page (router.ts), and the first rows are drawn as they arrive instead of
// after the workspace's first render.
import { Alert, Box, Group, Loader, Text } from "@mantine/core";
import { startTransition, useCallback, useDeferredValue, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { resourceKey } from "../../src-shared/api/refs.ts";
import type { ConnectionState, ContextInfo } from "../../src-shared/api/types.ts";
import { describeResource } from "../../src-shared/kinds/registry.ts";
import { listResource, useDiscovery } from "../data/discovery.ts";
import { useDrawnLater } from "../data/drawn-later.ts";
import { useRoute } from "../data/hash-route.ts";
import { useNamespaceScope } from "../data/namespace-scope.ts";
import { lazyView } from "../components/lazy-view.tsx";
import { ClusterView } from "./ClusterView.tsx";
import { ResourceList } from "./ResourceList.tsx";
import { LiveCountContext, ResourceNav, type LiveCount } from "./ResourceNav.tsx";

const Journal = lazyView(() => import("./journal/JournalView.tsx").then((m) => m.JournalView), <Loader size="sm" />);

interface Props {
  context: ContextInfo;
  state?: ConnectionState;
  onConnect(): void;
  onDisconnect(): void;
}

function Connected({ context, connecting, children }: { context: string; connecting: boolean; children: React.ReactNode }) {
  const { t } = useTranslation();
  const route = useRoute();
  const discovery = useDiscovery(context, true);
  const scope = useNamespaceScope(context);
  const [liveCount, setLiveCount] = useState<LiveCount>();
  const list = route.list;
  const info = useMemo(() => (list ? listResource(discovery, list) : undefined), [discovery, list]);
  const key = info ? resourceKey(info) : "";
  const kind = useMemo(() => (info ? describeResource(info) : undefined), [info]);
  // The sidebar's number may follow a frame later: the workspace must not draw again in the
  // task that draws the list's first rows (it was half of that task's time).
  const onCount = useCallback((count: number) => startTransition(() => setLiveCount({ key, count })), [key]);

  let content = children;
  if (route.journal) content = <Journal.View context={context} />;
  else if (route.list) {
    if (info && kind)
      content = (
        <ResourceList
          key={`${key}/${info.version}`}
          context={context}
          info={info}
          kind={kind}
          scope={scope}
          route={route}
          connecting={connecting}
          onCount={onCount}
        />
      );
    else if (discovery)
      content = (
        <Alert color="yellow" variant="light">
          {t("list.notServed", { resource: `${route.list.group ? `${route.list.group}/` : ""}${route.list.version}/${route.list.resource}` })}
        </Alert>
      );
    else
      content = (
        <Group gap="xs">
          <Loader size="sm" />
          <Text>{t("list.loading")}</Text>
        </Group>
      );
  }
  // A workspace opened on a list draws its sidebar once the list has its first rows (the list's
  // count comes with them): discovery arrives with the rows' first page (router.ts), and the
  // sidebar's hundred links were drawn in the task right before the rows, 20 ms of it on a
  // 10,000-pod opening.
  const navShown = useDrawnLater(!route.list || liveCount !== undefined);
  // The sidebar draws in the background (a transition, which React interrupts): its hundred
  // links must not hold up a list's rows, which may arrive while it would be drawing.
  const navResources = useDeferredValue(navShown ? discovery?.resources : undefined);
  const navScope = useDeferredValue(scope);
  const navRoute = useDeferredValue(route);
  const navCount = useDeferredValue(route.list ? liveCount : undefined);
  return (
    <Group align="stretch" wrap="nowrap" gap="md" h="calc(100dvh - 56px - 2 * var(--mantine-spacing-lg) - var(--kd-dock, 0px))">
      <Box w={230} style={{ flexShrink: 0 }} h="100%">
        {navResources ? (
          <LiveCountContext value={navCount}>
            <ResourceNav context={context} resources={navResources} scope={navScope} route={navRoute} listCounted={navCount !== undefined} />
          </LiveCountContext>
        ) : (
          <Loader size="sm" />
        )}
      </Box>
      <Box style={{ flex: 1, minWidth: 0, overflow: route.list ? "hidden" : "auto" }} h="100%">
        {content}
      </Box>
    </Group>
  );
}

export function ClusterWorkspace({ context, state, onConnect, onDisconnect }: Props) {
  const route = useRoute();
  const overview = <ClusterView context={context} state={state} onConnect={onConnect} onDisconnect={onDisconnect} />;
  const connecting = state?.status === "connecting";
  if (state?.status !== "connected" && !(connecting && route.list)) return overview;
  return (
    <Connected context={context.name} connecting={connecting}>
      {overview}
    </Connected>
  );
}
