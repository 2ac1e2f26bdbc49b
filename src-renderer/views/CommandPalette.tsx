// Ctrl/Cmd+K: jump by fuzzy name to any kind, object, namespace or context. Objects come
// from the common kinds of the open context (watched while the palette is open — the hub
// shares those watches with any list already open).
import { Badge, Group, Kbd, Modal, ScrollArea, Stack, Text, TextInput, UnstyledButton } from "@mantine/core";
import { useHotkeys } from "@mantine/hooks";
import fuzzysort from "fuzzysort";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ContextInfo } from "../../src-shared/api/types.ts";
import { findResource, useDiscovery } from "../data/discovery.ts";
import { navigate, useRoute } from "../data/hash-route.ts";
import { useNamespaceScope } from "../data/namespace-scope.ts";
import { useUpdateSettings } from "../data/settings.ts";
import { useResourceRows } from "../data/useResourceRows.ts";
import { kindLabel } from "./ResourceNav.tsx";

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
  type: "kind" | "object" | "namespace" | "context";
  name: string;
  detail?: string;
  go(): void;
}

/** Objects of the searched kinds in the context's namespaces, as palette items. */
function useObjectItems(context: string | undefined, open: boolean): Item[] {
  const scope = useNamespaceScope(context ?? "", !!context);
  const discovery = useDiscovery(context ?? "", !!context && open);
  const targets = useMemo(() => {
    if (!context || !open || !scope.ready || !discovery) return undefined;
    return searched.flatMap(([group, version, resource]) => {
      const info = findResource(discovery.resources, { group, version, resource });
      if (!info) return [];
      const base = { context, group, version: info.version, resource, kind: info.kind };
      return info.namespaced && scope.namespaces ? scope.namespaces.map((namespace) => ({ ...base, namespace })) : [base];
    });
  }, [context, open, scope.ready, scope.namespaces, discovery]);
  const watched = useMemo(() => targets?.map(({ kind: _kind, ...t }) => t), [targets]);
  const { perTarget } = useResourceRows(watched);
  return useMemo(() => {
    if (!targets || !context) return [];
    return perTarget.flatMap((rows, i) => {
      const { group, version, resource, kind } = targets[i];
      return rows.map((r): Item => ({
        type: "object",
        name: r.name,
        detail: `${kind}${r.namespace ? ` · ${r.namespace}` : ""}`,
        go: () => navigate({ context, list: { group, version, resource }, object: { namespace: r.namespace, name: r.name } }),
      }));
    });
  }, [perTarget, targets, context]);
}

export function CommandPalette({ contexts, connected }: { contexts: ContextInfo[]; connected: (name: string) => boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const route = useRoute();
  const context = route.context && connected(route.context) ? route.context : undefined;
  const discovery = useDiscovery(context ?? "", !!context && open);
  const scope = useNamespaceScope(context ?? "", !!context);
  const update = useUpdateSettings();
  useHotkeys([["mod+K", () => setOpen((o) => !o)]], []);
  const close = () => {
    setOpen(false);
    setQuery("");
  };

  const objectRows = useObjectItems(context, open);
  const items = useMemo<Item[]>(() => {
    const list: Item[] = [];
    for (const c of contexts) list.push({ type: "context", name: c.name, detail: c.cluster, go: () => navigate({ context: c.name }) });
    if (context) {
      for (const r of discovery?.resources ?? [])
        list.push({ type: "kind", name: kindLabel(t, r), detail: `${r.resource}${r.group ? `.${r.group}` : ""}`, go: () => navigate({ context, list: r }) });
      for (const ns of scope.known) list.push({ type: "namespace", name: ns, go: () => update.mutate({ namespaceFilter: { context, namespaces: [ns] } }) });
      for (const o of objectRows) list.push(o);
    }
    return list;
  }, [contexts, context, discovery, scope.known, objectRows, t, update]);

  const results = useMemo(() => {
    if (!query.trim()) return items.filter((i) => i.type !== "object").slice(0, 30);
    return fuzzysort.go(query, items, { key: "name", limit: 50, threshold: 0.3 }).map((r) => r.obj);
  }, [items, query]);
  const [active, setActive] = useState(0);
  const choose = (i: Item | undefined) => {
    if (!i) return;
    i.go();
    close();
  };

  return (
    <Modal opened={open} onClose={close} title={t("palette.title")} size="lg" yOffset="10vh">
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
                  {r.detail && (
                    <Text size="xs" c="dimmed" truncate>
                      {r.detail}
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
