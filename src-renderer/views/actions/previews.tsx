// What an action would do, shown in its dialog before it is sent, beside the request itself:
// changing a node's labels or taints previews which pods start or stop fitting it, which
// Pending pods could then go there (and what still stops the others), and which pods a
// NoExecute taint evicts (node-impact.ts, the scheduler's rules); a drain previews what it
// would evict, leave, or refuse to touch (drain.ts), and then shows its progress.
import { Alert, Badge, Code, Group, List, Loader, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState, type ComponentType } from "react";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import type { Node, Pod } from "kubernetes-types/core/v1.js";
import type { ApiErrorShape } from "../../../src-shared/api/errors.ts";
import { stringify } from "yaml";
import { drainPlan, evictionBody, type DrainOptions } from "../../../src-shared/k8s/drain.ts";
import { parseLabelChanges } from "../../../src-shared/k8s/label-changes.ts";
import { nodeImpact, type NodeChange } from "../../../src-shared/k8s/node-impact.ts";
import type { Unmet } from "../../../src-shared/k8s/scheduling.ts";
import { applyTaintChanges, formatTaint } from "../../../src-shared/k8s/taint-changes.ts";
import type { ActionId } from "../../../src-shared/kinds/actions.ts";
import type { KindDescriptor } from "../../../src-shared/kinds/types.ts";
import { countResources, getPlacementPods } from "../../api/index.ts";
import { resourceKey } from "../../../src-shared/api/refs.ts";
import { useDiscovery } from "../../data/discovery.ts";
import { kindLabel } from "../ResourceNav.tsx";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { keys } from "../../data/keys.ts";
import { DrainProgress } from "./DrainProgress.tsx";
import type { ActionRequest } from "./runner.tsx";

interface PreviewProps {
  request: ActionRequest;
  /** The input as the table's schema parsed it; undefined while it does not fit. */
  input: unknown;
}

/** The previews an action shows for a kind, in order (none for most). */
export function actionPreviews(action: ActionId, kind: KindDescriptor): ComponentType<PreviewProps>[] {
  const node = kind.group === "" && kind.resource === "nodes";
  const namespace = kind.group === "" && kind.resource === "namespaces";
  return [
    ...(action === "label" || action === "annotate" ? [MetadataChanges] : []),
    ...(node && (action === "label" || action === "taint") ? [NodeImpactPreview] : []),
    ...(action === "drain" ? [DrainPlanPreview] : []),
    ...(action === "delete" && namespace ? [NamespaceContents] : []),
  ];
}

/** The actions that run as a stream (the table's `streams`), and the view that follows one. */
export const actionProgress: Partial<Record<ActionId, ComponentType<{ request: ActionRequest; input: never; onClose(): void }>>> = {
  drain: DrainProgress,
};

/** The pods on the node and the Pending ones, as this dialog read them when it opened. */
function usePlacementPods(request: ActionRequest) {
  const target = request.targets[0];
  // Read once per dialog: pods come and go between two dialogs, and a preview must not show the earlier ones.
  const [opened] = useState(() => Date.now());
  return useQuery({
    queryKey: keys.placement(target, opened),
    enabled: request.targets.length === 1 && !!request.object,
    gcTime: 0,
    queryFn: () => getPlacementPods(target.context, target.name),
  });
}

function Reading() {
  const { t } = useTranslation();
  return (
    <Group gap="xs">
      <Loader size="xs" />
      <Text size="sm">{t("impact.reading")}</Text>
    </Group>
  );
}

/** What a drain would do to each pod on the node, with these options, before anything is sent. */
function DrainPlanPreview({ request, input }: PreviewProps) {
  const { t } = useTranslation();
  const pods = usePlacementPods(request);
  const options = input as DrainOptions | undefined;
  if (!options) return null;
  if (pods.error) return <ErrorAlert error={pods.error as unknown as ApiErrorShape} title={t("impact.failed")} />;
  if (!pods.data) return <Reading />;
  const plan = drainPlan(
    pods.data.filter((p) => p.spec?.nodeName === request.targets[0].name),
    options,
  );
  const evicted = plan.filter((d) => d.action === "evict");
  const first = evicted[0]?.pod.metadata;
  const refused = plan.flatMap((d) => (d.action === "refuse" ? [{ pod: d.pod, detail: t(`drain.refuse.${d.why}`) }] : []));
  return (
    <Alert variant="light" color={refused.length ? "red" : "blue"} title={t("drain.plan")} aria-label={t("drain.plan")}>
      <Stack gap="sm">
        {!plan.length && <Text size="sm">{t("drain.empty")}</Text>}
        <PodList testId="refused" color="red" title={t("drain.refused")} items={refused} />
        <PodList
          testId="evict"
          color="orange"
          title={t("drain.evict")}
          items={evicted.map((d) => ({ pod: d.pod, detail: d.warning ? t(`drain.warning.${d.warning}`) : undefined }))}
        />
        <PodList
          testId="skip"
          color="gray"
          title={t("drain.skip")}
          items={plan.flatMap((d) => (d.action === "skip" ? [{ pod: d.pod, detail: t(`drain.skipWhy.${d.why}`) }] : []))}
        />
        {first && (
          <Stack gap={4}>
            <Text size="xs" c="dimmed">
              {t("drain.eachPod")}
            </Text>
            <Code block style={{ whiteSpace: "pre-wrap", wordBreak: "break-all" }}>
              {`POST /api/v1/namespaces/${first.namespace}/pods/${first.name}/eviction\n\n${stringify(evictionBody(first.namespace ?? "", first.name ?? "", (input as { gracePeriodSeconds: number }).gracePeriodSeconds)).trimEnd()}`}
            </Code>
          </Stack>
        )}
      </Stack>
    </Alert>
  );
}

/** The node after the change the input describes, or undefined while it describes none. */
function changeOf(action: ActionId, node: Node, input: unknown): NodeChange | undefined {
  const line = action === "taint" ? (input as { taints?: string } | undefined)?.taints : (input as { changes?: string } | undefined)?.changes;
  if (!line) return undefined;
  if (action === "taint") {
    const r = applyTaintChanges(line, node.spec?.taints ?? []);
    return r.ok ? { taints: r.taints } : undefined;
  }
  const r = parseLabelChanges(line, "labels");
  if (!r.ok) return undefined;
  const labels = { ...node.metadata?.labels };
  for (const [k, v] of Object.entries(r.changes)) {
    if (v === null) delete labels[k];
    else labels[k] = v;
  }
  return { labels };
}

export const unmetText = (t: TFunction, u: Unmet): string => {
  switch (u.rule) {
    case "nodeSelector":
      return t("impact.rule.nodeSelector", { key: u.key, wanted: u.wanted, actual: u.actual ?? t("impact.none") });
    case "nodeAffinity":
      return t("impact.rule.nodeAffinity", { count: u.terms });
    case "taint":
      return t("impact.rule.taint", { taint: formatTaint(u.taint) });
    case "nodeName":
      return t("impact.rule.nodeName", { node: u.wanted });
    case "unschedulable":
      return t("impact.rule.unschedulable");
  }
};

const podName = (p: Pod) => `${p.metadata?.namespace}/${p.metadata?.name}`;
// A big cluster may hold thousands of Pending pods: each list shows its first ones and the count.
const shown = 12;

function PodList({ title, color, items, testId }: { title: string; color: string; items: { pod: Pod; detail?: string }[]; testId: string }) {
  const { t } = useTranslation();
  if (!items.length) return null;
  return (
    <Stack gap={4} aria-label={title} role="group" data-impact={testId}>
      <Group gap="xs">
        <Badge color={color} variant="light">
          {items.length}
        </Badge>
        <Text size="sm" fw={500}>
          {title}
        </Text>
      </Group>
      <List size="sm" spacing={2}>
        {items.slice(0, shown).map(({ pod, detail }) => (
          <List.Item key={pod.metadata?.uid ?? podName(pod)}>
            <Text span size="sm" ff="monospace">
              {podName(pod)}
            </Text>
            {detail && (
              <Text span size="sm" c="dimmed">
                {" — "}
                {detail}
              </Text>
            )}
          </List.Item>
        ))}
      </List>
      {items.length > shown && (
        <Text size="xs" c="dimmed">
          {t("impact.more", { count: items.length - shown })}
        </Text>
      )}
    </Stack>
  );
}

function NodeImpactPreview({ request, input }: PreviewProps) {
  const { t } = useTranslation();
  const node = request.object as Node | undefined;
  const pods = usePlacementPods(request);
  if (request.targets.length !== 1 || !node) return null;
  if (pods.error) return <ErrorAlert error={pods.error as unknown as ApiErrorShape} title={t("impact.failed")} />;
  const change = changeOf(request.action, node, input);
  if (!change) return null;
  if (!pods.data) return <Reading />;
  const impact = nodeImpact(node, change, pods.data);
  const reasons = (unmet: Unmet[]) => unmet.map((u) => unmetText(t, u)).join("; ");
  const nothing = !impact.evicted.length && !impact.noLongerMatching.length && !impact.nowSchedulable.length && !impact.noLongerSchedulable.length;
  return (
    <Alert variant="light" color={impact.evicted.length ? "red" : "blue"} title={t("impact.title")} aria-label={t("impact.title")}>
      <Stack gap="sm">
        {nothing && <Text size="sm">{t("impact.nothing")}</Text>}
        <PodList
          testId="evicted"
          color="red"
          title={t("impact.evicted")}
          items={impact.evicted.map((e) => ({
            pod: e.pod,
            detail: e.when === "now" ? t("impact.evictedNow") : t("impact.evictedAfter", { seconds: e.seconds }),
          }))}
        />
        <PodList testId="nowSchedulable" color="green" title={t("impact.nowSchedulable")} items={impact.nowSchedulable.map((pod) => ({ pod }))} />
        <PodList
          testId="noLongerSchedulable"
          color="orange"
          title={t("impact.noLongerSchedulable")}
          items={impact.noLongerSchedulable.map(({ pod, unmet }) => ({ pod, detail: reasons(unmet) }))}
        />
        <PodList
          testId="noLongerMatching"
          color="orange"
          title={t("impact.noLongerMatching")}
          items={impact.noLongerMatching.map(({ pod, unmet }) => ({ pod, detail: reasons(unmet) }))}
        />
        <PodList
          testId="stillBlocked"
          color="gray"
          title={t("impact.stillBlocked")}
          items={impact.stillBlocked.map(({ pod, unmet }) => ({ pod, detail: reasons(unmet) }))}
        />
        <Text size="xs" c="dimmed">
          {t("impact.scope")}
        </Text>
      </Stack>
    </Alert>
  );
}

/** What deleting a namespace deletes with it: how many objects of each kind it holds now. */
function NamespaceContents({ request }: PreviewProps) {
  const { t } = useTranslation();
  const { context, targets } = request;
  const namespace = targets[0].name;
  const discovery = useDiscovery(context, targets.length === 1);
  // Events go with the namespace too, but they are its history, not its contents.
  const kinds = (discovery?.resources ?? []).filter((r) => r.namespaced && r.verbs.includes("list") && r.resource !== "events").slice(0, 500);
  const counts = useQuery({
    queryKey: keys.counts(context, "contents", namespace, kinds.map(resourceKey)),
    enabled: targets.length === 1 && kinds.length > 0,
    queryFn: () => countResources({ context, resources: kinds.map(({ group, version, resource }) => ({ group, version, resource })), namespaces: [namespace] }),
  });
  if (targets.length !== 1) return null;
  if (counts.error) return <ErrorAlert error={counts.error as unknown as ApiErrorShape} title={t("impact.failed")} />;
  if (!counts.data) return <Reading />;
  const held = kinds.map((k, i) => ({ k, n: counts.data[i] })).filter(({ n }) => n !== null && n > 0);
  const unreadable = counts.data.filter((n) => n === null).length;
  return (
    <Alert variant="light" color="red" title={t("impact.contents", { namespace })} aria-label={t("impact.contents", { namespace })}>
      <Stack gap={4}>
        {held.length ? (
          <Group gap={6} role="list">
            {held.map(({ k, n }) => (
              <Badge key={resourceKey(k)} variant="light" color="red" tt="none" role="listitem">
                {kindLabel(t, k)}: {n}
              </Badge>
            ))}
          </Group>
        ) : (
          <Text size="sm">{t("impact.empty")}</Text>
        )}
        {unreadable > 0 && (
          <Text size="xs" c="dimmed">
            {t("impact.unreadable", { count: unreadable })}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}

/** What a label or annotation change does to the open object's own: which keys it adds, overwrites (from what) and removes. */
function MetadataChanges({ request, input }: PreviewProps) {
  const { t } = useTranslation();
  const line = (input as { changes?: string } | undefined)?.changes;
  if (request.targets.length !== 1 || !request.object || !line) return null;
  const map = request.action === "annotate" ? "annotations" : "labels";
  const r = parseLabelChanges(line, map);
  if (!r.ok) return null;
  const current: Record<string, string> = request.object.metadata?.[map] ?? {};
  const rows = Object.entries(r.changes).flatMap(([k, v]) => {
    if (v === null)
      return k in current
        ? [{ k, text: t("metadata.removes", { key: k, old: current[k] }), tone: "red" }]
        : [{ k, text: t("metadata.absent", { key: k }), tone: "gray" }];
    if (!(k in current)) return [{ k, text: t("metadata.adds", { key: k, value: v }), tone: "green" }];
    if (current[k] === v) return [{ k, text: t("metadata.same", { key: k, value: v }), tone: "gray" }];
    return [{ k, text: t("metadata.overwrites", { key: k, old: current[k], value: v }), tone: "orange" }];
  });
  return (
    <List size="sm" spacing={2} aria-label={t("metadata.title")}>
      {rows.map((row) => (
        <List.Item key={row.k} c={row.tone === "gray" ? "dimmed" : undefined} data-change={row.tone}>
          {row.text}
        </List.Item>
      ))}
    </List>
  );
}
