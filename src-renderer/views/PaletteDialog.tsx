// The command palette's dialog (opened by CommandPalette.tsx, loaded when first opened): jump
// by fuzzy name to any kind, object, namespace or context, or run an action of the action
// table on the open object. Objects come from the common kinds of the open context (watched
// while the palette is open; a list already open shares its rows).
import { Badge, Group, Kbd, Modal, ScrollArea, Stack, Text, TextInput, UnstyledButton } from "@mantine/core";
import fuzzysort from "fuzzysort";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useMemo, useState, useSyncExternalStore } from "react";
import { useTranslation } from "react-i18next";
import { toObjectRef, type ObjectRef } from "../../src-shared/api/refs.ts";
import type { ContextInfo } from "../../src-shared/api/types.ts";
import { describeResource } from "../../src-shared/kinds/registry.ts";
import type { K8sObject, KindDescriptor } from "../../src-shared/kinds/types.ts";
import { findResource, useDiscovery } from "../data/discovery.ts";
import { navigate, useRoute } from "../data/hash-route.ts";
import { keys } from "../data/keys.ts";
import { useNamespaceScope } from "../data/namespace-scope.ts";
import { useRows } from "../data/rows.ts";
import { useUpdateSettings } from "../data/settings.ts";
import { useActionOffers } from "./actions/offers.ts";
import { useRunAction } from "./actions/runner.tsx";
import { kindLabel } from "./ResourceNav.tsx";
import { actionKeys } from "../../src-shared/kinds/action-keys.ts";
import { KeysOf } from "../keys/AppKeys.tsx";
import { goKeys } from "../keys/keymap.ts";

const searched = [
  ["", "v1", "pods"],
  ["apps", "v1", "deployments"],
  ["apps", "v1", "statefulsets"],
  ["apps", "v1", "daemonsets"],
  ["batch", "v1", "jobs"],
  ["batch", "v1", "cronjobs"],
  ["", "v1", "services"],
  ["networking.k8s.io", "v1", "ingresses"],
  ["", "v1", "configmaps"],
  ["", "v1", "secrets"],
  ["", "v1", "persistentvolumeclaims"],
  ["", "v1", "nodes"],
] as const;

interface Item {
  type: "kind" | "object" | "namespace" | "context" | "action";
  name: string;
  detail?: string;
  /** Why it cannot be chosen (a forbidden action). */
  disabled?: string;
  /** The keys that do the same without the palette (an action's, or `g` and a kind's letter). */
  keys?: string;
  go(): void;
}

/** Objects of the searched kinds in the context's namespaces, as palette items. */
function useObjectItems(context: string | undefined): Item[] {
  const scope = useNamespaceScope(context ?? "", !!context);
  const discovery = useDiscovery(context ?? "", !!context);
  const queries = useMemo(() => {
    if (!context || !scope.ready || !discovery) return undefined;
    return searched.flatMap(([group, version, resource]) => {
      const info = findResource(discovery.resources, { group, version, resource });
      if (!info) return [];
      const base = { context, group, version: info.version, resource, kind: info.kind };
      return info.namespaced && scope.namespaces ? scope.namespaces.map((namespace) => ({ ...base, namespace })) : [base];
    });
  }, [context, scope.ready, scope.namespaces, discovery]);
  const watched = useMemo(() => queries?.map(({ kind: _kind, ...q }) => q), [queries]);
  const { perQuery } = useRows(watched);
  return useMemo(() => {
    if (!queries || !context) return [];
    return perQuery.flatMap((rows, i) => {
      const { group, version, resource, kind } = queries[i];
      return rows.map((r): Item => ({
        type: "object",
        name: r.name,
        detail: `${kind}${r.namespace ? ` · ${r.namespace}` : ""}`,
        go: () => navigate({ context, list: { group, version, resource }, object: { namespace: r.namespace, name: r.name } }),
      }));
    });
  }, [perQuery, queries, context]);
}

/**
 * The object as the details panel last read it, followed: a read that lands after the palette
 * opened (the details panel opened just before it) changes which actions fit.
 */
function useLatestRead(target: ObjectRef | undefined): K8sObject | undefined {
  const cache = useQueryClient().getQueryCache();
  const subscribe = useCallback((changed: () => void) => cache.subscribe(changed), [cache]);
  const latest = useCallback(
    () =>
      target
        ? (cache.findAll({ queryKey: keys.objectReads(target) }).sort((a, b) => b.state.dataUpdatedAt - a.state.dataUpdatedAt)[0]?.state.data as
            K8sObject | undefined)
        : undefined,
    [cache, target],
  );
  return useSyncExternalStore(subscribe, latest);
}

/** The actions the open object offers, as palette items (the same table, checks and dialog as its buttons). */
function useActionItems(target: ObjectRef | undefined, kind: KindDescriptor | undefined): Item[] {
  const { t } = useTranslation();
  const run = useRunAction();
  const enabled = !!target && !!kind;
  const targets = useMemo(() => (enabled && target ? [target] : []), [enabled, target]);
  // Actions that depend on the object's state fit the object as last read.
  const object = useLatestRead(target);
  const { offers } = useActionOffers(target?.context ?? "", kind, targets, object);
  return useMemo(() => {
    if (!enabled || !target || !kind) return [];
    // An action the cluster has not answered for yet waits; it appears with its answer.
    return offers
      .filter((o) => !o.checking)
      .map((o) => ({
        type: "action" as const,
        name: `${t(`actions.${o.id}`)} ${target.name}`,
        detail: kind.kind,
        disabled: o.allowed ? undefined : t("actions.forbidden", { need: o.reason }),
        keys: actionKeys[o.id],
        go: () => run({ context: target.context, kind, action: o.id, targets: [target], object }),
      }));
  }, [enabled, target, kind, offers, t, run, object]);
}

export interface PaletteProps {
  contexts: ContextInfo[];
  connected: (name: string) => boolean;
  onClose(): void;
}

export function PaletteDialog({ contexts, connected, onClose }: PaletteProps) {
  const { t } = useTranslation();
  const [query, setQuery] = useState("");
  const route = useRoute();
  const context = route.context && connected(route.context) ? route.context : undefined;
  const discovery = useDiscovery(context ?? "", !!context);
  const scope = useNamespaceScope(context ?? "", !!context);
  const update = useUpdateSettings();
  const close = onClose;

  const objectRows = useObjectItems(context);
  const openInfo = context && route.list && discovery ? findResource(discovery.resources, route.list) : undefined;
  const openKind = useMemo(() => (openInfo ? describeResource(openInfo) : undefined), [openInfo]);
  const { namespace: openNamespace, name: openName } = route.object ?? {};
  const openTarget = useMemo(
    () =>
      context && openInfo && openName
        ? toObjectRef({ context, group: openInfo.group, version: openInfo.version, resource: openInfo.resource, namespace: openNamespace, name: openName })
        : undefined,
    [context, openInfo, openNamespace, openName],
  );
  const actionItems = useActionItems(openTarget, openKind);
  const items = useMemo<Item[]>(() => {
    const list: Item[] = [];
    for (const c of contexts) list.push({ type: "context", name: c.name, detail: c.cluster, go: () => navigate({ context: c.name }) });
    if (context) {
      for (const a of actionItems) list.push(a);
      for (const r of discovery?.resources ?? [])
        list.push({
          type: "kind",
          name: kindLabel(t, r),
          detail: `${r.resource}${r.group ? `.${r.group}` : ""}`,
          keys: goKeys(r),
          go: () => navigate({ context, list: r }),
        });
      for (const ns of scope.known) list.push({ type: "namespace", name: ns, go: () => update.mutate({ namespaceFilter: { context, namespaces: [ns] } }) });
      for (const o of objectRows) list.push(o);
    }
    return list;
  }, [contexts, context, discovery, scope.known, objectRows, actionItems, t, update]);

  const results = useMemo(() => {
    if (!query.trim()) return items.filter((i) => i.type !== "object").slice(0, 30);
    return fuzzysort.go(query, items, { key: "name", limit: 50, threshold: 0.3 }).map((r) => r.obj);
  }, [items, query]);
  const [active, setActive] = useState(0);
  const choose = (i: Item | undefined) => {
    if (!i || i.disabled) return;
    i.go();
    close();
  };

  return (
    <Modal opened onClose={close} title={t("palette.title")} size="lg" yOffset="10vh">
      <Stack gap="xs">
        <TextInput
          data-autofocus
          aria-label={t("palette.search")}
          placeholder={t("palette.placeholder")}
          value={query}
          onChange={(e) => {
            setQuery(e.currentTarget.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === "ArrowDown") setActive((a) => Math.min(a + 1, results.length - 1));
            else if (e.key === "ArrowUp") setActive((a) => Math.max(a - 1, 0));
            else if (e.key === "Enter") choose(results[active]);
            else return;
            e.preventDefault();
          }}
          rightSection={<Kbd size="xs">↵</Kbd>}
        />
        <ScrollArea.Autosize mah="50vh">
          <Stack gap={2} role="listbox" aria-label={t("palette.results")}>
            {results.map((r, i) => (
              <UnstyledButton
                key={`${r.type}/${r.detail}/${r.name}`}
                role="option"
                aria-selected={i === active}
                aria-disabled={!!r.disabled}
                title={r.disabled}
                onClick={() => choose(r)}
                onMouseEnter={() => setActive(i)}
                p={6}
                style={{ borderRadius: 6, background: i === active ? "var(--mantine-primary-color-light)" : undefined }}
              >
                <Group gap="xs" wrap="nowrap">
                  <Badge size="xs" variant="light" w={90}>
                    {t(`palette.type.${r.type}`)}
                  </Badge>
                  <Text size="sm" truncate>
                    {r.name}
                  </Text>
                  {(r.disabled ?? r.detail) && (
                    <Text size="xs" c={r.disabled ? "red" : "dimmed"} truncate>
                      {r.disabled ?? r.detail}
                    </Text>
                  )}
                  {r.keys && (
                    <Text component="span" size="xs" ml="auto" style={{ flexShrink: 0 }}>
                      <KeysOf keys={r.keys} />
                    </Text>
                  )}
                </Group>
              </UnstyledButton>
            ))}
            {!results.length && (
              <Text size="sm" c="dimmed">
                {t("palette.nothing")}
              </Text>
            )}
          </Stack>
        </ScrollArea.Autosize>
      </Stack>
    </Modal>
  );
}
