// A Helm release in the details panel, as `helm status`, `get values`, `get manifest`, `get
// hooks` and `history` show it, read natively by main from Helm's storage: its state and notes,
// the objects it made (each a link to the live object), its values as given and as computed,
// its hooks, and every revision kept, any two of them compared.
import { Anchor, Badge, Button, Code, SegmentedControl, Stack, Table, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { stringify } from "yaml";
import type { ApiErrorShape } from "../../../src-shared/api/errors.ts";
import type { HelmReleaseDetails, HelmRevision } from "../../../src-shared/kinds/helm.ts";
import type { ObjectRef } from "../../../src-shared/api/refs.ts";
import type { ApiResourceInfo } from "../../../src-shared/api/types.ts";
import { describeResource } from "../../../src-shared/kinds/registry.ts";
import { getHelmHistory, getObject } from "../../api/index.ts";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { CompareHeader, PickBox, useRevisionPick } from "../../components/revision-pick.tsx";
import { useDiscovery } from "../../data/discovery.ts";
import { navigate } from "../../data/hash-route.ts";
import { keys } from "../../data/keys.ts";
import { ago, useNow } from "../../data/useNow.ts";
import { HelmCommandDialog, HelmToolbar } from "./helm-run.tsx";
import { RevisionDiff } from "./helm-revision-diff.tsx";
import type { DetailsProps, DetailsTab, KindView } from "./registry.tsx";

const release = (o: DetailsProps["object"]) => o as HelmReleaseDetails;

/** Helm's statuses, coloured as the app's states are (--kd-state-*). */
export function helmStatusColor(status: string): string {
  if (status === "deployed") return "var(--kd-state-good)";
  if (status === "failed") return "var(--kd-state-bad)";
  if (status.startsWith("pending") || status === "uninstalling") return "var(--kd-state-waiting)";
  return "var(--mantine-color-dimmed)";
}

function StatusBadge({ object }: DetailsProps) {
  const r = release(object);
  return (
    <Badge variant="outline" color="gray" style={{ color: helmStatusColor(r.status) }} data-helm-status={r.status}>
      {r.status}
    </Badge>
  );
}

function ReleaseRows({ object }: DetailsProps) {
  const { t } = useTranslation();
  const now = useNow();
  const r = release(object);
  const row = (label: string, value: React.ReactNode) =>
    value ? (
      <Table.Tr>
        <Table.Th>{label}</Table.Th>
        <Table.Td>{value}</Table.Td>
      </Table.Tr>
    ) : null;
  return (
    <>
      {row(t("helm.revision"), String(r.revision))}
      {row(t("helm.chart"), r.chart.name ? `${r.chart.name}-${r.chart.version}${r.chart.description ? ` — ${r.chart.description}` : ""}` : "")}
      {row(t("helm.appVersion"), r.chart.appVersion)}
      {/* Helm stamps the moment to the nanosecond from its own clock; this view's clock moves every few seconds. */}
      {row(t("helm.updated"), r.lastDeployed && `${t("details.ago", { age: ago(r.lastDeployed, now) })} · ${r.lastDeployed}`)}
      {row(t("helm.firstDeployed"), r.firstDeployed)}
      {row(t("helm.description"), r.description)}
      {row(t("helm.storage"), t(`helm.storedIn.${r.storage}`))}
    </>
  );
}

function Notes({ object }: DetailsProps) {
  const { t } = useTranslation();
  const r = release(object);
  if (!r.notes) return null;
  return (
    <Stack gap={4}>
      <Text fw={600} size="sm">
        {t("helm.notes")}
      </Text>
      <Code block aria-label={t("helm.notes")} style={{ whiteSpace: "pre-wrap" }}>
        {r.notes}
      </Code>
    </Stack>
  );
}

/**
 * A release's object as the cluster has it now: its kind's STATUS or READY column (kubectl's),
 * "present" for kinds without one, or missing (deleted by hand since) — read again with each
 * new revision of the release.
 */
function ObjectStatus({ info, target, at }: { info: ApiResourceInfo; target: ObjectRef; at: string }) {
  const { t } = useTranslation();
  const now = useNow();
  const live = useQuery({ queryKey: keys.objectAt(target, `helm:${at}`), queryFn: () => getObject(target), retry: false });
  if (live.isPending) return null;
  if (live.error) {
    const missing = (live.error as unknown as ApiErrorShape).code === "NotFound";
    return (
      <Text size="xs" style={{ color: "var(--kd-state-bad)" }} data-object-status={missing ? "missing" : "error"}>
        {missing ? t("helm.missing") : (live.error as unknown as ApiErrorShape).message}
      </Text>
    );
  }
  const kind = describeResource(info);
  const column = kind.columns.find((c) => c.name === "STATUS") ?? kind.columns.find((c) => c.name === "READY");
  return (
    <Text size="xs" ff="monospace" data-object-status="present">
      {column ? `${column.name === "READY" ? `${t("helm.ready")} ` : ""}${column.value(live.data, now)}` : t("helm.present")}
    </Text>
  );
}

/** The objects the release made, each a link to the live one where the cluster serves its kind. */
export function Resources({ target, object }: DetailsProps) {
  const { t } = useTranslation();
  const r = release(object);
  const discovery = useDiscovery(target.context, true);
  return (
    <Stack gap={4}>
      <Text fw={600} size="sm">
        {t("helm.resources", { count: r.resources.length })}
      </Text>
      <Table striped withTableBorder aria-label={t("helm.resourcesTable")}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("helm.kind")}</Table.Th>
            <Table.Th>{t("details.name")}</Table.Th>
            <Table.Th>{t("details.namespace")}</Table.Th>
            <Table.Th>{t("helm.status")}</Table.Th>
            <Table.Th>{t("helm.template")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {r.resources.map((o) => {
            const group = o.apiVersion.includes("/") ? o.apiVersion.split("/")[0] : "";
            const info = discovery?.resources.find((d) => d.group === group && d.kind === o.kind);
            const namespace = info?.namespaced ? (o.namespace ?? r.metadata.namespace) : undefined;
            return (
              <Table.Tr key={`${o.apiVersion}/${o.kind}/${o.namespace ?? ""}/${o.name}`}>
                <Table.Td>{o.kind}</Table.Td>
                <Table.Td>
                  {info ? (
                    <Anchor
                      component="button"
                      size="sm"
                      onClick={() =>
                        navigate({
                          context: target.context,
                          list: { group: info.group, version: info.version, resource: info.resource },
                          object: { namespace, name: o.name },
                        })
                      }
                    >
                      {o.name}
                    </Anchor>
                  ) : (
                    o.name
                  )}
                </Table.Td>
                <Table.Td>{namespace ?? ""}</Table.Td>
                <Table.Td>
                  {info ? (
                    <ObjectStatus
                      info={info}
                      at={r.metadata.resourceVersion}
                      target={{ context: target.context, group: info.group, version: info.version, resource: info.resource, namespace, name: o.name }}
                    />
                  ) : (
                    <Text size="xs" c="dimmed">
                      {t("helm.notServed")}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="xs" c="dimmed" ff="monospace">
                    {o.source ?? ""}
                  </Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function ValuesPanel({ object }: DetailsProps) {
  const { t } = useTranslation();
  const r = release(object);
  const [which, setWhich] = useState<"user" | "all">("user");
  const values = which === "user" ? r.values : r.computedValues;
  // Once per release and choice, not at every draw of the details panel.
  const text = useMemo(() => (Object.keys(values).length ? stringify(values) : undefined), [values]);
  return (
    <Stack gap="xs">
      <SegmentedControl
        size="xs"
        value={which}
        onChange={(v) => setWhich(v as "user" | "all")}
        data={[
          { value: "user", label: t("helm.userValues") },
          { value: "all", label: t("helm.allValues") },
        ]}
        style={{ alignSelf: "flex-start" }}
      />
      <Text size="xs" c="dimmed">
        {t(which === "user" ? "helm.userValuesHint" : "helm.allValuesHint")}
      </Text>
      <Code block aria-label={t(which === "user" ? "helm.userValues" : "helm.allValues")} style={{ whiteSpace: "pre" }}>
        {text ?? t("helm.noValues")}
      </Code>
    </Stack>
  );
}

function ManifestPanel({ object }: DetailsProps) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Text size="xs" c="dimmed">
        {t("helm.manifestHint")}
      </Text>
      <Code block aria-label={t("helm.manifest")} style={{ whiteSpace: "pre" }}>
        {release(object).manifest}
      </Code>
    </Stack>
  );
}

function HooksPanel({ object }: DetailsProps) {
  const { t } = useTranslation();
  const hooks = release(object).hooks;
  if (!hooks.length) return <Text c="dimmed">{t("helm.noHooks")}</Text>;
  return (
    <Table striped withTableBorder aria-label={t("helm.hooks")}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t("details.name")}</Table.Th>
          <Table.Th>{t("helm.kind")}</Table.Th>
          <Table.Th>{t("helm.events")}</Table.Th>
          <Table.Th>{t("helm.weight")}</Table.Th>
          <Table.Th>{t("helm.lastRun")}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {hooks.map((h) => (
          <Table.Tr key={`${h.kind}/${h.name}`}>
            <Table.Td>{h.name}</Table.Td>
            <Table.Td>{h.kind}</Table.Td>
            <Table.Td>{h.events.join(", ")}</Table.Td>
            <Table.Td>{h.weight}</Table.Td>
            <Table.Td>{h.lastRun?.phase ? `${h.lastRun.phase}${h.lastRun.completedAt ? ` · ${h.lastRun.completedAt}` : ""}` : "—"}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function HistoryPanel({ target, kind, object }: DetailsProps) {
  const { t } = useTranslation();
  const now = useNow();
  const ref = { context: target.context, namespace: target.namespace ?? "", name: target.name };
  // Read again whenever the release has a new latest revision.
  const history = useQuery({ queryKey: keys.history(target, object.metadata?.resourceVersion), queryFn: () => getHelmHistory(ref) });
  const revisions = history.data ?? [];
  const [rollbackTo, setRollbackTo] = useState<number>();
  const current = (object as HelmReleaseDetails).revision;
  // By default the latest revision against the one before it.
  const pick = useRevisionPick(revisions.slice(-2).map((r) => r.revision));
  return (
    <Stack>
      {history.error && <ErrorAlert error={history.error as unknown as ApiErrorShape} title={t("helm.historyFailed")} />}
      <Table striped withTableBorder aria-label={t("helm.history")}>
        <Table.Thead>
          <Table.Tr>
            <CompareHeader />
            <Table.Th>{t("helm.revision")}</Table.Th>
            <Table.Th>{t("helm.updated")}</Table.Th>
            <Table.Th>{t("helm.status")}</Table.Th>
            <Table.Th>{t("helm.chart")}</Table.Th>
            <Table.Th>{t("helm.appVersion")}</Table.Th>
            <Table.Th>{t("helm.description")}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {revisions.map((r: HelmRevision) => (
            <Table.Tr key={r.revision} aria-label={t("rollout.revisionN", { n: r.revision })}>
              <PickBox revision={r.revision} pick={pick} />
              <Table.Td ff="monospace">{r.revision}</Table.Td>
              <Table.Td>{r.updated ? ago(r.updated, now) : ""}</Table.Td>
              <Table.Td>
                <Text size="sm" style={{ color: helmStatusColor(r.status) }}>
                  {r.status}
                </Text>
              </Table.Td>
              <Table.Td>{r.chart}</Table.Td>
              <Table.Td>{r.appVersion ?? ""}</Table.Td>
              <Table.Td>
                <Text size="sm" c={r.error ? "red" : undefined} style={{ wordBreak: "break-word" }}>
                  {r.error ?? r.description ?? ""}
                </Text>
              </Table.Td>
              <Table.Td>
                {r.revision !== current && !r.error && (
                  <Button size="compact-xs" variant="default" onClick={() => setRollbackTo(r.revision)}>
                    {t("helm.rollbackToN", { n: r.revision })}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {pick.pair && <RevisionDiff target={target} from={pick.pair[0]} to={pick.pair[1]} />}
      {rollbackTo && (
        <HelmCommandDialog
          target={target}
          kind={kind}
          object={object}
          mode={{ command: "rollback", revision: rollbackTo }}
          onClose={() => setRollbackTo(undefined)}
        />
      )}
    </Stack>
  );
}

const tab = (id: string, Panel: DetailsTab["Panel"]): DetailsTab => ({ id, title: (t) => t(`helm.tab.${id}`), Panel });

export const helmReleaseView: KindView = {
  Toolbar: HelmToolbar,
  Badges: StatusBadge,
  OverviewRows: ReleaseRows,
  sections: [Notes, Resources],
  tabs: [tab("values", ValuesPanel), tab("manifest", ManifestPanel), tab("hooks", HooksPanel), tab("history", HistoryPanel)],
};
