// Changing a node's labels or taints: which pods start or stop fitting it, which Pending pods
// could then go there (and what still stops the others), and which pods a NoExecute taint
// evicts, when (node-impact.ts, the scheduler's rules).
import { Alert, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import type { Node } from "kubernetes-types/core/v1.js";
import type { ApiErrorShape } from "../../../../src-shared/api/errors.ts";
import { parseLabelChanges } from "../../../../src-shared/k8s/label-changes.ts";
import { nodeImpact, type NodeChange } from "../../../../src-shared/k8s/node-impact.ts";
import type { Unmet } from "../../../../src-shared/k8s/scheduling.ts";
import { applyTaintChanges, formatTaint } from "../../../../src-shared/k8s/taint-changes.ts";
import { type ActionId } from "../../../../src-shared/kinds/actions.ts";
import { ErrorAlert } from "../../../components/ErrorAlert.tsx";
import { PodList, Reading, usePlacementPods, type PreviewProps } from "./shared.tsx";
import "../../../i18n/late.ts";

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

export function NodeImpactPreview({ request, input }: PreviewProps) {
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
