// Why a pod is not doing its job, at the top of its details, in plain words (both languages):
// not scheduled (the scheduler's reasons, then each node and the rule or the room that keeps
// the pod off it), a crash loop (the last exit and what its code means, the back-off, the last
// lines the failed run wrote), an image that will not pull and the likely cause, a container
// that cannot be created for a missing ConfigMap or Secret; each with what fixes it here.
import { Alert, Anchor, Button, Code, List, Loader, Stack, Table, Text } from "@mantine/core";
import { IconAlertTriangle, IconMapPin } from "@tabler/icons-react";
import type { OwnerReference } from "kubernetes-types/meta/v1.js";
import { useQuery } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import "../../i18n/late.ts";
import type { ApiErrorShape } from "../../../src-shared/api/errors.ts";
import type { ObjectRef } from "../../../src-shared/api/refs.ts";
import type { NodeFit } from "../../../src-shared/k8s/node-fit.ts";
import { podProblems, type ExitMeaning, type PodProblem } from "../../../src-shared/k8s/pod-problems.ts";
import { kinds } from "../../../src-shared/kinds/registry.ts";
import { getObject, getPodFit, subscribeLogs } from "../../api/index.ts";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { navigate } from "../../data/hash-route.ts";
import { useRunAction } from "../actions/runner.tsx";
import { shortText, unmetText } from "./placement-text.ts";
import type { DetailsProps } from "./registry.tsx";

export function PodProblems({ target, object }: DetailsProps) {
  const { t } = useTranslation();
  const problems = podProblems(object as never);
  if (!problems.length) return null;
  const owner = (object.metadata?.ownerReferences ?? []).find((o: { controller?: boolean }) => o.controller);
  return (
    <Stack gap="sm" role="region" aria-label={t("problems.title")}>
      {problems.map((p, i) => (
        <Alert key={i} color={p.type === "unschedulable" ? "yellow" : "red"} icon={<IconAlertTriangle size={18} />} title={problemTitle(t, p)}>
          {p.type === "unschedulable" && <Unschedulable target={target} problem={p} owner={owner} />}
          {p.type === "crashLoop" && <CrashLoop target={target} problem={p} />}
          {p.type === "imagePull" && <ImagePull problem={p} />}
          {p.type === "config" && <ConfigError problem={p} />}
        </Alert>
      ))}
    </Stack>
  );
}

function problemTitle(t: TFunction, p: PodProblem): string {
  switch (p.type) {
    case "unschedulable":
      return t("problems.unschedulable.title");
    case "crashLoop":
      return t("problems.crashLoop.title", { container: p.container, count: p.restarts });
    case "imagePull":
      return t("problems.imagePull.title", { image: p.image, reason: p.reason });
    case "config":
      return t("problems.config.title", { container: p.container, reason: p.reason });
  }
}

/** The scheduler's own words, under our reading of them. */
const Said = ({ text }: { text: string }) => {
  const { t } = useTranslation();
  return (
    <Text size="xs" c="dimmed" mt={6}>
      {t("problems.said")} <Code>{text}</Code>
    </Text>
  );
};

type Of<T extends PodProblem["type"]> = Extract<PodProblem, { type: T }>;

function Unschedulable({ target, problem, owner }: { target: ObjectRef; problem: Of<"unschedulable">; owner?: OwnerReference }) {
  const { t } = useTranslation();
  const d = problem.decoded;
  // Room is weighed (every pod holding resources listed) only when the scheduler said it was short.
  const room = !!d?.reasons.some((r) => r.kind === "insufficient" || r.kind === "tooManyPods");
  const fit = useQuery({
    queryKey: ["pods.fit", target.context, target.namespace, target.name, problem.message, room],
    queryFn: () => getPodFit({ context: target.context, namespace: target.namespace!, name: target.name, room }),
    // Nodes change (a label added to fix this pod, a taint, a cordon): the table follows them.
    refetchInterval: 5_000,
  });
  return (
    <Stack gap={6}>
      {d && <Text size="sm">{t("problems.unschedulable.counts", { available: d.available, total: d.total })}</Text>}
      {d && (
        <List size="sm" spacing={2}>
          {d.reasons.map((r, i) => (
            <List.Item key={i}>{t(`problems.reason.${r.kind}`, { count: r.count, resource: r.resource ?? "", text: r.text })}</List.Item>
          ))}
        </List>
      )}
      {d?.preemption === "notHelpful" && <Text size="sm">{t("problems.unschedulable.noPreemption")}</Text>}
      {fit.error ? (
        <ErrorAlert error={fit.error as unknown as ApiErrorShape} title={t("problems.fitFailed")} />
      ) : fit.data ? (
        <NodeTable target={target} fits={fit.data} />
      ) : (
        <Loader size="xs" />
      )}
      {owner && <FixScheduling target={target} owner={owner} />}
      <Said text={problem.message} />
    </Stack>
  );
}

/**
 * The workload whose pod template made the pod, found up its controllers (a ReplicaSet's
 * Deployment, a Job's CronJob): the one whose template to change. A Job's template cannot
 * change, so a Job without a CronJob has none.
 */
async function templateOwner(context: string, namespace: string, owner: OwnerReference): Promise<ObjectRef | undefined> {
  const [group, version] = owner.apiVersion.includes("/") ? owner.apiVersion.split("/") : ["", owner.apiVersion];
  const resource = kinds.find((k) => k.group === group && k.kind === owner.kind)?.resource;
  if (!resource) return undefined;
  const ref: ObjectRef = { context, group, version, resource, namespace, name: owner.name };
  if (owner.kind !== "ReplicaSet" && owner.kind !== "Job") return ref;
  const above = ((await getObject(ref)).metadata?.ownerReferences ?? []).find((o: OwnerReference) => o.controller);
  if (above) return templateOwner(context, namespace, above);
  return owner.kind === "ReplicaSet" ? ref : undefined;
}

/** The fix the scheduling wizard makes: opened on the workload that made the pod. */
function FixScheduling({ target, owner }: { target: ObjectRef; owner: OwnerReference }) {
  const { t } = useTranslation();
  const run = useRunAction();
  const workload = useQuery({
    queryKey: ["problems.templateOwner", target.context, target.namespace, owner.uid],
    queryFn: () => templateOwner(target.context, target.namespace!, owner).then((r) => r ?? null),
    staleTime: Infinity,
  });
  const ref = workload.data ?? undefined;
  const kind = ref && kinds.find((k) => k.group === ref.group && k.resource === ref.resource);
  if (!ref || !kind) return null;
  return (
    <Button
      size="xs"
      variant="default"
      leftSection={<IconMapPin size={14} />}
      w="fit-content"
      onClick={() => run({ context: target.context, kind, action: "schedule", targets: [ref] })}
    >
      {t("problems.fixScheduling", { kind: kind.kind, name: ref.name })}
    </Button>
  );
}

/** Each node, and what keeps the pod off it (or that these rules let it there). */
function NodeTable({ target, fits }: { target: ObjectRef; fits: NodeFit[] }) {
  const { t } = useTranslation();
  const open = (name: string) => navigate({ context: target.context, list: { group: "", version: "v1", resource: "nodes" }, object: { name } });
  const fixes = new Set(fits.flatMap((f) => f.unmet.map((u) => u.rule)));
  return (
    <>
      <Table aria-label={t("problems.nodes")} verticalSpacing={2} fz="sm" mt={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={220}>{t("problems.node")}</Table.Th>
            <Table.Th>{t("problems.whyNot")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {fits.map((f) => {
            const why = [...f.unmet.map((u) => unmetText(t, u)), ...f.short.map((s) => shortText(t, s))];
            return (
              <Table.Tr key={f.node}>
                <Table.Td>
                  <Anchor component="button" size="sm" onClick={() => open(f.node)}>
                    {f.node}
                  </Anchor>
                </Table.Td>
                <Table.Td>{why.length ? why.join(t("problems.separator")) : <Text size="sm">{t("problems.fitsRules")}</Text>}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {[...fixes].map((rule) => (
        <Text key={rule} size="sm">
          {t(`problems.fix.${rule}`)}
        </Text>
      ))}
    </>
  );
}

function exitText(t: TFunction, exit: ExitMeaning, reason?: string): string {
  if (reason === "OOMKilled") return t("problems.exit.oom", { code: exit.code });
  return t(`problems.exit.${exit.kind}`, { code: exit.code, signal: exit.signal ?? "" });
}

/** The last lines the ended run wrote (kubectl logs --previous --tail 10), read again after each restart. */
function usePreviousLines(target: ObjectRef, container: string, restarts: number) {
  const [state, setState] = useState<{ lines: string[]; done: boolean; error?: string }>({ lines: [], done: false });
  useEffect(() => {
    const lines: string[] = [];
    setState({ lines, done: false });
    const sub = subscribeLogs(
      { ...target, container, follow: false, previous: true, timestamps: false, tailLines: 10 },
      {
        onEvent: (e) => "lines" in e && lines.push(...e.lines),
        onEnd: () => setState({ lines: [...lines], done: true }),
        onError: (e) => setState({ lines: [...lines], done: true, error: e.message }),
      },
    );
    return () => sub.stop();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the pod is its fields; a new restart reads the lines again
  }, [target.context, target.namespace, target.name, container, restarts]);
  return state;
}

function CrashLoop({ target, problem }: { target: ObjectRef; problem: Of<"crashLoop"> }) {
  const { t } = useTranslation();
  const previous = usePreviousLines(target, problem.container, problem.restarts);
  return (
    <Stack gap={6}>
      {problem.last && <Text size="sm">{exitText(t, problem.last.exit, problem.last.reason)}</Text>}
      {problem.last?.message && <Said text={problem.last.message} />}
      <Text size="sm">{problem.backOff ? t("problems.crashLoop.backOff", { wait: problem.backOff }) : t("problems.crashLoop.runningAgain")}</Text>
      <Text size="sm" fw={600}>
        {t("problems.crashLoop.lastLines")}
      </Text>
      {!previous.done ? (
        <Loader size="xs" />
      ) : previous.error ? (
        <Text size="sm">{previous.error}</Text>
      ) : previous.lines.length ? (
        <Code block aria-label={t("problems.crashLoop.lastLines")}>
          {previous.lines.join("\n")}
        </Code>
      ) : (
        <Text size="sm">{t("problems.crashLoop.noLines")}</Text>
      )}
      <Text size="sm">{t("problems.crashLoop.fix")}</Text>
    </Stack>
  );
}

function ImagePull({ problem }: { problem: Of<"imagePull"> }) {
  const { t } = useTranslation();
  return (
    <Stack gap={6}>
      <Text size="sm">{t(`problems.imagePull.${problem.cause}`, { image: problem.image })}</Text>
      {problem.message && <Said text={problem.message} />}
    </Stack>
  );
}

function ConfigError({ problem }: { problem: Of<"config"> }) {
  const { t } = useTranslation();
  const m = problem.missing;
  return (
    <Stack gap={6}>
      <Text size="sm">
        {m ? t(m.key ? "problems.config.missingKey" : "problems.config.missing", { kind: m.kind, name: m.name, key: m.key ?? "" }) : t("problems.config.other")}
      </Text>
      {problem.message && <Said text={problem.message} />}
    </Stack>
  );
}
