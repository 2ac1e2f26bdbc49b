// The sidebar of a connected context: every resource it serves, grouped, with how many
// objects each has in the chosen namespaces, live (main counts them with metadata-only watches).
import { Badge, Group, NavLink, ScrollArea, Text, Tooltip } from "@mantine/core";
import { IconHistory, IconLayoutDashboard } from "@tabler/icons-react";
import { createContext, memo, useContext, useEffect, useRef, useState, type ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { resourceKey } from "../../src-shared/api/refs.ts";
import type { ApiResourceInfo } from "../../src-shared/api/types.ts";
import { watchCounts } from "../api/index.ts";
import { navigate, type Route } from "../data/hash-route.ts";
import { keys } from "../data/keys.ts";
import { useStream } from "../data/streams.ts";
import type { NamespaceScope } from "../data/namespace-scope.ts";
import { goKeys, keyText } from "../keys/keymap.ts";
import { navModel } from "./nav-groups.ts";

interface Props {
  context: string;
  resources: ApiResourceInfo[];
  scope: NamespaceScope;
  route: Route;
  /** Whether the open list counts its own kind (its count then comes by `LiveCountContext`). */
  listCounted: boolean;
}

/** The open list's count of its kind, live: what the sidebar shows for that kind. */
export interface LiveCount {
  key: string;
  count: number;
}

// By context, not by a prop: the count moves at every page while a list loads (sixty times
// for 30,000 pods) and with every pod created or deleted after, and as a prop it drew the
// whole sidebar again each time (its sections' links, tooltips and collapses: a fifth of the
// renderer's CPU time while a 10,000-pod list loaded). Now only the one badge draws again.
export const LiveCountContext = createContext<LiveCount | undefined>(undefined);

/** A kind's name in the sidebar and titles: translated for the registry's kinds, else the Kind itself. */
export const kindLabel = (t: TFunction, r: Pick<ApiResourceInfo, "resource" | "kind" | "group">) => t(`kinds.${r.resource}`, { defaultValue: r.kind });

/** Live counts of some resources over some namespaces (none = all), in their order. */
function useCountsOf(context: string, resources: ApiResourceInfo[], namespaces: string[], enabled: boolean) {
  return useStream<(number | null)[]>(
    keys.counts(context, namespaces.length ? namespaces : "*", resources.map(resourceKey)),
    (on) => watchCounts({ context, resources: resources.map((r) => ({ group: r.group, version: r.version, resource: r.resource })), namespaces }, on),
    enabled && resources.length > 0,
  );
}

/** Every listed resource's count (main watches their metadata): namespaced ones over the chosen namespaces. */
function useCounts(context: string, list: ApiResourceInfo[], scope: NamespaceScope, deferred: boolean): Map<string, number | null> {
  const namespaced = list.filter((r) => r.namespaced);
  const cluster = list.filter((r) => !r.namespaced);
  const enabled = scope.ready && !deferred;
  const a = useCountsOf(context, namespaced, scope.namespaces ?? [], enabled);
  const b = useCountsOf(context, cluster, [], enabled);
  // Opening another list asks for another set of kinds (all but the open one), so a stream
  // with another key, which says nothing for a moment. Till it does, each kind keeps the
  // count it had in the same context and namespaces: without that, every count badge (thirty
  // odd) went blank and came back with the same number, a flicker at each list opened, and
  // every link with its tooltip was drawn twice while the new list loaded.
  const scopeKey = `${context}\0${(scope.namespaces ?? []).join(",")}`;
  const known = useRef<{ scopeKey: string; counts: Map<string, number | null> }>(undefined);
  if (known.current?.scopeKey !== scopeKey) known.current = { scopeKey, counts: new Map() };
  const had = known.current.counts;
  const counts = new Map<string, number | null>();
  for (const r of list) {
    const n = had.get(resourceKey(r));
    if (n !== undefined) counts.set(resourceKey(r), n);
  }
  if (a) namespaced.forEach((r, i) => counts.set(resourceKey(r), a[i]));
  if (b) cluster.forEach((r, i) => counts.set(resourceKey(r), b[i]));
  for (const [k, n] of counts) had.set(k, n);
  return counts;
}

/** The keys that jump to an item, in a tooltip (aria-keyshortcuts cannot say a sequence). */
function KeyHint({ keys, children }: { keys?: string; children: ReactElement }) {
  const { t } = useTranslation();
  if (!keys) return children;
  return (
    <Tooltip label={t("keys.press", { key: keyText(keys) })} position="right" withArrow openDelay={500} events={{ hover: true, focus: true, touch: false }}>
      {children}
    </Tooltip>
  );
}

const countBadge = (t: TFunction, count: number) => (
  <Badge size="sm" variant="light" color="gray" aria-label={t("nav.count", { count })}>
    {count}
  </Badge>
);

/** The open list's kind's count, the only part of the sidebar that follows it. */
function LiveCountBadge({ kindKey }: { kindKey: string }) {
  const { t } = useTranslation();
  const live = useContext(LiveCountContext);
  return live?.key === kindKey ? countBadge(t, live.count) : null;
}

interface ItemProps {
  context: string;
  resource: ApiResourceInfo;
  active: boolean;
  /** Its count, or "live" when the open list counts it (LiveCountContext). */
  count?: number | null | "live";
  showGroup?: boolean;
}

// One kind in the sidebar, drawn again only when its own count or state changes: forty
// tooltips and links drawn again with every count were most of what opening a list cost the
// renderer after its rows.
const NavItem = memo(function NavItem({ context, resource: r, active, count, showGroup }: ItemProps) {
  const { t } = useTranslation();
  return (
    <KeyHint keys={goKeys(r)}>
      <NavLink
        component="button"
        active={active}
        onClick={() => navigate({ context, list: { group: r.group, version: r.version, resource: r.resource } })}
        label={kindLabel(t, r)}
        description={showGroup ? r.resource : undefined}
        rightSection={count === "live" ? <LiveCountBadge kindKey={resourceKey(r)} /> : count !== undefined && count !== null ? countBadge(t, count) : undefined}
        py={4}
      />
    </KeyHint>
  );
});

export const ResourceNav = memo(function ResourceNav({ context, resources, scope, route, listCounted }: Props) {
  const { t } = useTranslation();
  const model = navModel(resources);
  const counted = [...model.sections.flatMap((s) => s.items), ...model.custom.flatMap((g) => g.items)];
  // Thirty counting requests must not slow the list being opened: they wait for its first
  // rows, or two seconds at most (a list that cannot load must not hold them up).
  const [waited, setWaited] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setWaited(true), 2000);
    return () => clearTimeout(timer);
  }, []);
  const active = (r: ApiResourceInfo) => route.list?.group === r.group && route.list.resource === r.resource;
  // The open list counts its own kind (listCounted): main watches it once, for the list.
  const counts = useCounts(
    context,
    counted.filter((r) => !active(r)),
    scope,
    !!route.list && !listCounted && !waited,
  );

  const item = (r: ApiResourceInfo, showGroup = false) => {
    const key = resourceKey(r);
    const count = listCounted && active(r) ? "live" : counts.get(key);
    return <NavItem key={key} context={context} resource={r} active={active(r)} count={count} showGroup={showGroup} />;
  };

  return (
    <ScrollArea h="100%" type="auto" offsetScrollbars>
      <nav aria-label={t("nav.title")}>
        <KeyHint keys={goKeys()}>
          <NavLink
            component="button"
            label={t("nav.overview")}
            leftSection={<IconLayoutDashboard size={16} />}
            active={!route.list && !route.journal}
            onClick={() => navigate({ context })}
          />
        </KeyHint>
        <NavLink
          component="button"
          label={t("nav.journal")}
          leftSection={<IconHistory size={16} />}
          active={!!route.journal}
          onClick={() => navigate({ context, journal: true })}
        />
        {model.sections.map(
          (s) =>
            s.items.length > 0 && (
              <NavLink key={s.id} label={t(`nav.${s.id}`)} component="button" defaultOpened childrenOffset={8} fw={600}>
                {s.items.map((r) => item(r))}
              </NavLink>
            ),
        )}
        {model.custom.length > 0 && (
          <NavLink label={t("nav.custom")} component="button" defaultOpened childrenOffset={8} fw={600}>
            {model.custom.map((g) => (
              <NavLink key={g.group} label={<Text size="sm">{g.group}</Text>} component="button" defaultOpened childrenOffset={8}>
                {g.items.map((r) => item(r))}
              </NavLink>
            ))}
          </NavLink>
        )}
        {model.other.length > 0 && (
          <NavLink component="button" label={t("nav.other")} childrenOffset={8} fw={600}>
            {model.other.map((g) => (
              <NavLink component="button" key={g.group} label={<Group gap={4}>{g.group}</Group>} childrenOffset={8}>
                {g.items.map((r) => item(r, true))}
              </NavLink>
            ))}
          </NavLink>
        )}
      </nav>
    </ScrollArea>
  );
});
