// A workload's rollout, as `kubectl rollout status` and `history` show it, live: how far the
// current rollout has got against what is desired (and whether it is paused or stuck), its
// ReplicaSets new and old, every revision kept with its change-cause and images, a diff of
// any two revisions' pod templates, and a rollback to any of them through the action table.
import { Badge, Button, Group, Stack, Table, Text, Tooltip } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { stringify } from "yaml";
import type { ApiErrorShape } from "../../../src-shared/api/errors.ts";
import { rolloutProgress, type RolloutRevision, type Workload } from "../../../src-shared/k8s/rollouts.ts";
import { getRolloutHistory } from "../../api/index.ts";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { lazyView } from "../../components/lazy-view.tsx";
import { keys } from "../../data/keys.ts";
import { ago, useNow } from "../../data/useNow.ts";
import { useActionOffers } from "../actions/offers.ts";
import { useRunAction } from "../actions/runner.tsx";
import type { DetailsProps, DetailsTab } from "./registry.tsx";
import { Meter } from "../../components/Meter.tsx";
import { CompareHeader, PickBox, useRevisionPick } from "../../components/revision-pick.tsx";

// Monaco's diff editor comes with the editor's chunk, when a diff is first shown.
const Diff = lazyView(() => import("../../editor/YamlEditor.tsx").then((m) => m.YamlDiff));

function Count({ label, value, of }: { label: string; value: number; of: number }) {
  return (
    <Stack gap={2} style={{ flex: 1 }} aria-label={`${label}: ${value}/${of}`} role="group">
      <Group justify="space-between">
        <Text size="xs" c="dimmed">
          {label}
        </Text>
        <Text size="xs" ff="monospace">
          {value}/{of}
        </Text>
      </Group>
      <Meter value={of ? (value / of) * 100 : 100} label={label} />
    </Stack>
  );
}

/** Where the rollout stands: a few words and the counts against desired. */
export function RolloutProgressView({ kind, object }: Pick<DetailsProps, "object"> & { kind: string }) {
  const { t } = useTranslation();
  const p = rolloutProgress(kind, object as Workload);
  const state = p.failed ? "failed" : p.paused ? "paused" : p.complete ? "complete" : "progressing";
  const color = { failed: "red", paused: "yellow", complete: "green", progressing: "blue" }[state];
  return (
    <Stack gap="xs" aria-label={t("rollout.status")} role="region">
      <Group gap="xs">
        <Badge color={color} variant="light" data-rollout-state={state}>
          {t(`rollout.state.${state}`)}
        </Badge>
        <Text size="sm" c="dimmed">
          {p.failed ?? t(`rollout.explain.${state}`)}
        </Text>
      </Group>
      <Group grow>
        <Count label={t("rollout.updated")} value={p.updated} of={p.desired} />
        <Count label={t("rollout.ready")} value={p.ready} of={p.desired} />
        <Count label={t("rollout.available")} value={p.available} of={p.desired} />
      </Group>
    </Stack>
  );
}

const images = (r: RolloutRevision) => (r.template.spec?.containers ?? []).map((c) => `${c.name}=${c.image}`).join(", ");

function RolloutPanel({ target, kind, object }: DetailsProps) {
  const { t } = useTranslation();
  const now = useNow();
  const run = useRunAction();
  // Read again whenever the workload changes (a rollout changes its status and revision).
  const history = useQuery({ queryKey: keys.history(target, object.metadata?.resourceVersion), queryFn: () => getRolloutHistory(target) });
  const { offers } = useActionOffers(target.context, kind, [target], object);
  const rollback = offers.find((o) => o.id === "rollback");
  const revisions = history.data ?? [];
  // The diff compares the two ticked revisions; by default the current one and the one before.
  const current = revisions.find((r) => r.current);
  const before = revisions.find((r) => !r.current);
  const pick = useRevisionPick(current && before ? [before.revision, current.revision] : []);
  const [older, newer] = (pick.pair ?? []).map((n) => revisions.find((r) => r.revision === n));
  const isDeployment = kind.kind === "Deployment";
  return (
    <Stack>
      <RolloutProgressView kind={kind.kind} object={object} />
      {history.error && <ErrorAlert error={history.error as unknown as ApiErrorShape} title={t("rollout.historyFailed")} />}
      <Table striped withTableBorder aria-label={t("rollout.history")}>
        <Table.Thead>
          <Table.Tr>
            <CompareHeader />
            <Table.Th>{t("rollout.revision")}</Table.Th>
            <Table.Th>{t("rollout.changeCause")}</Table.Th>
            <Table.Th>{t("rollout.images")}</Table.Th>
            {isDeployment && <Table.Th>{t("rollout.replicas")}</Table.Th>}
            <Table.Th>{t("rollout.age")}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {revisions.map((r) => (
            <Table.Tr key={r.name} aria-label={t("rollout.revisionN", { n: r.revision })}>
              <PickBox revision={r.revision} pick={pick} />
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <Text size="sm" ff="monospace">
                    {r.revision}
                  </Text>
                  {r.current && (
                    <Badge size="xs" variant="light">
                      {t("rollout.current")}
                    </Badge>
                  )}
                </Group>
                <Text size="xs" c="dimmed" ff="monospace">
                  {r.name}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={r.changeCause ? undefined : "dimmed"}>
                  {r.changeCause ?? t("rollout.noCause")}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="xs" ff="monospace" style={{ wordBreak: "break-all" }}>
                  {images(r)}
                </Text>
              </Table.Td>
              {isDeployment && (
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {r.replicas ? `${r.replicas.ready}/${r.replicas.desired}` : ""}
                  </Text>
                </Table.Td>
              )}
              <Table.Td>
                <Text size="sm">{r.created ? ago(r.created, now) : ""}</Text>
              </Table.Td>
              <Table.Td>
                {!r.current && rollback && (
                  <Tooltip
                    label={rollback.allowed ? t("rollout.rollbackHint", { n: r.revision }) : t("actions.forbidden", { need: rollback.reason })}
                    withArrow
                    multiline
                    w={300}
                  >
                    <Button
                      size="compact-xs"
                      variant="default"
                      disabled={!rollback.allowed}
                      onClick={() =>
                        run({ context: target.context, kind, action: "rollback", targets: [target], object, initial: { revision: String(r.revision) } })
                      }
                    >
                      {t("rollout.rollbackTo", { n: r.revision })}
                    </Button>
                  </Tooltip>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {!history.isPending && !revisions.length && !history.error && <Text c="dimmed">{t("rollout.noHistory")}</Text>}
      {older && newer && older !== newer && (
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t("rollout.diff", { a: older.revision, b: newer.revision })}
          </Text>
          <Diff.View
            original={stringify(older.template)}
            modified={stringify(newer.template)}
            ariaLabel={t("rollout.diff", { a: older.revision, b: newer.revision })}
            height={320}
          />
        </Stack>
      )}
    </Stack>
  );
}

export const rolloutTab: DetailsTab = { id: "rollout", title: (t) => t("rollout.tab"), Panel: RolloutPanel };
