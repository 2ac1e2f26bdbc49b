// A drain before it starts: what it would evict, leave, or refuse to touch (drain.ts), and
// the Eviction each pod gets.
import { Alert, Code, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ApiErrorShape } from "../../../../src-shared/api/errors.ts";
import { stringify } from "yaml";
import { drainPlan, evictionBody, type DrainOptions } from "../../../../src-shared/k8s/drain.ts";
import { ErrorAlert } from "../../../components/ErrorAlert.tsx";
import { PodList, Reading, usePlacementPods, type PreviewProps } from "./shared.tsx";
import "../../../i18n/late.ts";

/** What a drain would do to each pod on the node, with these options, before anything is sent. */
export function DrainPlanPreview({ request, input }: PreviewProps) {
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
