import { ActionIcon, Alert, AppShell, Divider, Group, Kbd, Loader, Stack, Text, Title, Tooltip } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconLayoutSidebarLeftCollapse, IconLayoutSidebarLeftExpand } from "@tabler/icons-react";
import { notifications } from "@mantine/notifications";
import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useLayoutEffect, useMemo, useState, useSyncExternalStore } from "react";
import { useTranslation } from "react-i18next";
import type { ConnectionState, ContextsSnapshot } from "../src-shared/api/types.ts";
import { connect, disconnect, onConnectionLost, watchConnections, watchContexts } from "./api/index.ts";
import { currentRoute, useSelectedContext, type Route } from "./data/hash-route.ts";
import { lazyView } from "./components/lazy-view.tsx";
import { askedNow, isAsked, markAsked, subscribeAsked, withAsked } from "./data/connect-requests.ts";
import { keys } from "./data/keys.ts";
import { useStream } from "./data/streams.ts";
import { ActionRunner } from "./views/actions/runner.tsx";
import { ClusterSwitcher } from "./views/ClusterSwitcher.tsx";
import { AppKeys } from "./keys/AppKeys.tsx";
import { SkipLink } from "./keys/SkipLink.tsx";
import { CommandPalette } from "./views/CommandPalette.tsx";
import { ConnectionCheck } from "./views/ConnectionCheck.tsx";
import { DockProvider } from "./views/dock/Dock.tsx";
import { ForwardsButton } from "./views/forwards/ForwardsList.tsx";
import { ContextList } from "./views/ContextList.tsx";
import { KubeconfigSources } from "./views/KubeconfigSources.tsx";
import { Preferences } from "./views/Preferences.tsx";

// A context's workspace (sidebar, lists, details, actions) is not needed for the first
// screen, but nearly every session opens a context: its code is fetched from the start,
// beside the first screen (which waits for main anyway), not when the user clicks.
const Workspace = lazyView(() => import("./views/ClusterWorkspace.tsx").then((m) => m.ClusterWorkspace), <Loader size="sm" />);
void Workspace.preload();
// A list opened by its address asks for its rows while its context connects (list-prefetch.ts).
// Its code is fetched from the start and called synchronously: awaiting the import when the
// address changes resolved after the workspace's first render, the very wait it is meant to skip.
let prefetchList: typeof import("./data/list-prefetch.ts").prefetchList | undefined;
const prefetchLoaded = import("./data/list-prefetch.ts").then((m) => (prefetchList = m.prefetchList));

/** Asks main to connect `name`; until main says how it goes, the context shows as connecting (connect-requests.ts). */
function askConnect(name: string) {
  markAsked(name, true);
  void connect(name)
    .catch((e: Error) => notifications.show({ color: "red", message: e.message }))
    .finally(() => markAsked(name, false));
}

/** Connects the context a route names, unless it is unknown or already connected (or failed: it then stays so), and asks for the route's list meanwhile. */
function connectAddressed(client: QueryClient, route: Route) {
  const name = route.context;
  const known = client.getQueryData<ContextsSnapshot>(keys.contexts)?.contexts.some((c) => c.name === name);
  const connections = client.getQueryData<ConnectionState[]>(keys.connections) ?? [];
  // Asked once: the hashchange listener and the effect both see the same address.
  if (!name || !known || isAsked(name) || connections.some((c) => c.context === name)) return;
  askConnect(name);
  // An address opened while the app still starts (a reload) can come before that code has: the
  // rows are then asked for as soon as it has, which is still before the workspace asks.
  if (route.list) {
    if (prefetchList) prefetchList(client, route);
    else void prefetchLoaded.then((prefetch) => prefetch(client, route));
  }
}

const sameList = (a: Route, b: Route) => a.list?.group === b.list?.group && a.list?.version === b.list?.version && a.list?.resource === b.list?.resource;

const isConnected = (client: QueryClient, context: string | undefined) =>
  !!client.getQueryData<ConnectionState[]>(keys.connections)?.some((c) => c.context === context && c.status === "connected");

const noConnections: ConnectionState[] = [];

export function App() {
  const { t } = useTranslation();
  const contexts = useStream<ContextsSnapshot>(keys.contexts, (on) => watchContexts({}, on));
  const said = useStream<ConnectionState[]>(keys.connections, (on) => watchConnections({}, on)) ?? noConnections;
  // A context asked for shows as connecting at once, not when main says so (connect-requests.ts).
  const asked = useSyncExternalStore(subscribeAsked, askedNow);
  const connections = useMemo(() => withAsked(said, asked), [said, asked]);
  // The context only: the workspace follows the rest of the address itself, and the shell
  // around it is not drawn again for every list or object opened.
  const [selected, select] = useSelectedContext();
  const [lost, setLost] = useState(false);
  const [contextsShown, { toggle: toggleContexts }] = useDisclosure(true);
  useEffect(() => onConnectionLost(() => setLost(true)), []);
  // An address that names a context (a reload, a bookmark, a link) connects it, once per address.
  const known = !!contexts?.contexts.some((c) => c.name === selected);
  const client = useQueryClient();
  useEffect(() => {
    if (selected && known) connectAddressed(client, currentRoute());
    // Only a newly selected context connects by itself; a disconnected one stays so.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selected, known]);
  // A new address is acted on as it changes, before React draws the workspace for it: the
  // connection (and the list's rows) are asked for some 30 ms sooner, and so are the rows of
  // a list opened in a context already connected. A layout effect, so that this listener is
  // added before the route's own (useSyncExternalStore subscribes in a passive effect) and
  // runs first: after that one, React drew the new route (15-25 ms) before this one ran.
  useLayoutEffect(() => {
    let last = currentRoute();
    const onHash = () => {
      const now = currentRoute();
      if (now.context !== last.context) connectAddressed(client, now);
      else if (now.list && !sameList(now, last) && isConnected(client, now.context)) prefetchList?.(client, now);
      last = now;
    };
    window.addEventListener("hashchange", onHash);
    return () => window.removeEventListener("hashchange", onHash);
  }, [client]);

  const open = useCallback(
    (name: string) => {
      select(name);
      connectAddressed(client, { context: name });
    },
    [client, select],
  );
  const current = contexts?.contexts.find((c) => c.name === selected);
  // The shell's parts as elements kept while their inputs stay the same: React then skips them
  // when a connection's state changes. Opening a list changes it twice (connecting, then
  // connected), and each time the whole shell was drawn again while the list waited for it.
  const connected = useMemo(() => connections.filter((c) => c.status === "connected").map((c) => c.context), [connections]);
  const keysAndPalette = useMemo(
    () => (
      <>
        <AppKeys selected={selected} connected={connections.map((c) => c.context)} onSelect={select} />
        <CommandPalette contexts={contexts?.contexts ?? []} connected={(name) => connected.includes(name)} />
      </>
    ),
    [selected, connections, connected, select, contexts],
  );
  const switcher = useMemo(() => <ClusterSwitcher connections={connections} selected={selected} onSelect={select} />, [connections, selected, select]);
  const tools = useMemo(
    () => (
      <>
        <ForwardsButton />
        <ConnectionCheck />
        <Preferences />
      </>
    ),
    [],
  );
  const contextList = useMemo(
    () => <ContextList contexts={contexts?.contexts ?? []} connections={connections} selected={selected} onSelect={open} />,
    [contexts, connections, selected, open],
  );
  const sources = useMemo(() => <KubeconfigSources sources={contexts?.sources ?? []} />, [contexts]);

  return (
    <DockProvider>
      <ActionRunner>
        <AppShell
          header={{ height: 56 }}
          navbar={{ width: 300, breakpoint: "sm", collapsed: { desktop: !contextsShown, mobile: !contextsShown } }}
          padding="lg"
        >
          {keysAndPalette}
          <AppShell.Header>
            <SkipLink />
            <Group h="100%" px="md" gap="md" wrap="nowrap">
              <Tooltip label={contextsShown ? t("app.hideContexts") : t("app.showContexts")}>
                <ActionIcon variant="subtle" color="gray" onClick={toggleContexts} aria-label={contextsShown ? t("app.hideContexts") : t("app.showContexts")}>
                  {contextsShown ? <IconLayoutSidebarLeftCollapse size={20} /> : <IconLayoutSidebarLeftExpand size={20} />}
                </ActionIcon>
              </Tooltip>
              <Title order={1} size="h3" style={{ whiteSpace: "nowrap" }}>
                {t("app.title")}
              </Title>
              <div style={{ flex: 1, minWidth: 0 }}>{switcher}</div>
              <Text size="xs" c="dimmed" visibleFrom="md" style={{ whiteSpace: "nowrap" }}>
                <Kbd size="xs">Ctrl</Kbd> + <Kbd size="xs">K</Kbd> {t("palette.hint")} · <Kbd size="xs">?</Kbd> {t("keys.hint")}
              </Text>
              {tools}
            </Group>
          </AppShell.Header>
          <AppShell.Navbar p="md">
            <Stack h="100%" gap="sm">
              <div style={{ flex: 1, minHeight: 0 }}>{contextList}</div>
              <Divider />
              {sources}
            </Stack>
          </AppShell.Navbar>
          <AppShell.Main>
            {lost && (
              <Alert color="red" mb="md" role="alert">
                {t("app.lost")}
              </Alert>
            )}
            {current ? (
              <Workspace.View
                key={current.name}
                context={current}
                state={connections.find((c) => c.context === current.name)}
                onConnect={() => askConnect(current.name)}
                onDisconnect={() => void disconnect(current.name)}
              />
            ) : (
              <Stack maw={560} mt="xl">
                <Title order={2}>{t("choose.title")}</Title>
                <Text c="dimmed">{t("choose.body")}</Text>
              </Stack>
            )}
          </AppShell.Main>
        </AppShell>
      </ActionRunner>
    </DockProvider>
  );
}
