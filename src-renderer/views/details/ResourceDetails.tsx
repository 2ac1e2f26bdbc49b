// Opening a row: a describe-like panel (metadata, labels, annotations, owners and related
// objects as links, conditions), its live events, and read-only YAML, plus whatever the
// kind registers (DESIGN §4.2: a pod's containers, a Secret's keys …). The object is read
// from main when the panel opens and again whenever its own watch sees a new version.
import { Alert, Anchor, Badge, Code, Drawer, Group, Loader, ScrollArea, Stack, Table, Tabs, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import { stringify } from "yaml";
import type { ApiErrorShape } from "../../../src-shared/api/errors.ts";
import type { ObjectRef, RowsQuery } from "../../../src-shared/api/refs.ts";
import type { ApiResourceInfo, ResourceRow } from "../../../src-shared/api/types.ts";
import type { Relation } from "../../../src-shared/k8s/relations.ts";
import type { K8sObject, KindDescriptor } from "../../../src-shared/kinds/types.ts";
import { getObject, getRelated } from "../../api/index.ts";
import { Section } from "../../components/Section.tsx";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { navigate } from "../../data/hash-route.ts";
import { keys } from "../../data/keys.ts";
import { useRows } from "../../data/rows.ts";
import { ago, useNow } from "../../data/useNow.ts";
import { EditButton } from "../../editor/EditorButtons.tsx";
import { ActionButtons } from "../actions/ActionButtons.tsx";
import { ExportButton } from "../export.tsx";
import { kindView, type DetailsProps } from "../kinds/registry.tsx";
import { ObjectEvents } from "./ObjectEvents.tsx";

interface Props {
  info: ApiResourceInfo;
  kind: KindDescriptor;
  target: ObjectRef;
  onClose(): void;
}

function Labels({ labels }: { labels?: Record<string, string> }) {
  const entries = Object.entries(labels ?? {});
  if (!entries.length) return <Text size="sm">—</Text>;
  return (
    <Group gap={4}>
      {entries.map(([k, v]) => (
        <Badge key={k} variant="light" color="gray" tt="none" fw={400} style={{ maxWidth: "100%" }}>
          {k}={v}
        </Badge>
      ))}
    </Group>
  );
}

function RelationLinks({ relations }: { relations: Relation[] }) {
  const { t } = useTranslation();
  if (!relations.length) return <Text size="sm">—</Text>;
  const byRole = new Map<string, Relation[]>();
  for (const r of relations) byRole.set(r.role, [...(byRole.get(r.role) ?? []), r]);
  return (
    <Stack gap={4}>
      {[...byRole.entries()].map(([role, list]) => (
        <Group key={role} gap={6} align="baseline" wrap="wrap">
          <Text size="sm" c="dimmed" w={130}>
            {t(`relations.${role}`)}
          </Text>
          {list.map(({ kind, ref }) => {
            const label = `${kind}/${ref.name}`;
            return ref.resource ? (
              <Anchor
                key={`${ref.resource}/${ref.namespace}/${ref.name}`}
                component="button"
                size="sm"
                onClick={() =>
                  navigate({
                    context: ref.context,
                    list: { group: ref.group, version: ref.version, resource: ref.resource },
                    object: { namespace: ref.namespace, name: ref.name },
                  })
                }
              >
                {label}
              </Anchor>
            ) : (
              <Text key={label} size="sm">
                {label}
              </Text>
            );
          })}
        </Group>
      ))}
    </Stack>
  );
}

function Conditions({ conditions }: { conditions: K8sObject[] }) {
  const { t } = useTranslation();
  const now = useNow();
  return (
    <Table aria-label={t("details.conditions")} striped layout="fixed">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={170}>{t("details.conditionType")}</Table.Th>
          <Table.Th w={70}>{t("details.conditionStatus")}</Table.Th>
          <Table.Th w={150}>{t("events.reason")}</Table.Th>
          <Table.Th w={70}>{t("events.age")}</Table.Th>
          <Table.Th>{t("events.message")}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {conditions.map((c) => (
          <Table.Tr key={c.type}>
            <Table.Td>{c.type}</Table.Td>
            <Table.Td>
              <Text size="sm" c={c.status === "True" ? "green" : c.status === "False" ? "red" : undefined}>
                {c.status}
              </Text>
            </Table.Td>
            <Table.Td style={{ wordBreak: "break-word" }}>{c.reason ?? ""}</Table.Td>
            <Table.Td>{c.lastTransitionTime ? ago(c.lastTransitionTime, now) : ""}</Table.Td>
            <Table.Td style={{ wordBreak: "break-word" }}>{c.message ?? ""}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/**
 * The object as YAML, written only while its tab is shown (an element's children are computed
 * even when the tab hides them) and once per version: the panel draws again every few seconds
 * for its ages, and the yaml library takes 90-200 ms here to write a 365 KB object (a large CRD
 * is bigger).
 */
function ObjectYaml({ object, label }: { object: K8sObject; label: string }) {
  const text = useMemo(() => stringify(object), [object]);
  return (
    <Code block aria-label={label} style={{ whiteSpace: "pre" }}>
      {text}
    </Code>
  );
}

/** The object's own watch: a new version re-reads it (lists skip changes their rows do not show). */
function useVersion(target: ObjectRef): { row?: ResourceRow; loaded: boolean } {
  const { context, group, version, resource, namespace, name } = target;
  const queries = useMemo<RowsQuery[]>(
    () => [{ context, group, version, resource, namespace, fieldSelector: `metadata.name=${name}` }],
    [context, group, version, resource, namespace, name],
  );
  const { rows, loaded } = useRows(queries);
  return { row: rows[0], loaded };
}

export function ResourceDetails({ info, kind, target, onClose }: Props) {
  const { t } = useTranslation();
  const now = useNow();
  const { row, loaded } = useVersion(target);
  const obj = useQuery({ queryKey: keys.objectAt(target, row?.rv), queryFn: () => getObject(target), placeholderData: (prev) => prev });
  // A read-only kind (Helm releases) has no owners or events of its own to look up.
  const related = useQuery({
    queryKey: keys.related(target, row?.rv),
    queryFn: () => getRelated(target),
    placeholderData: (prev) => prev,
    enabled: !kind.readOnly,
  });
  // An object deleted while its panel is open stays shown as last read (the panel says it is gone):
  // a dialog opened from it — a helm uninstall still running — must not vanish with it.
  const last = useRef<{ key: string; object: K8sObject }>(undefined);
  const targetKey = `${target.context}/${target.group}/${target.resource}/${target.namespace ?? ""}/${target.name}`;
  if (obj.data) last.current = { key: targetKey, object: obj.data };
  const o = obj.data ?? (last.current?.key === targetKey ? last.current.object : undefined);
  const view = kindView(info);
  const props: DetailsProps | undefined = o && { target, kind, object: o };

  return (
    <Drawer
      opened
      onClose={onClose}
      closeButtonProps={{ "aria-label": t("editor.close") }}
      position="right"
      size="min(900px, 62%)"
      title={
        <Group gap="xs">
          <Text fw={700}>{info.kind}</Text>
          <Text>{target.namespace ? `${target.namespace}/${target.name}` : target.name}</Text>
          {props && view.Badges && <view.Badges {...props} />}
        </Group>
      }
      scrollAreaComponent={ScrollArea.Autosize}
      aria-label={t("details.title", { name: target.name })}
    >
      {obj.error && !o && <ErrorAlert title={t("details.readFailed", { name: target.name })} error={obj.error as unknown as ApiErrorShape} />}
      {!o && !obj.error && <Loader size="sm" />}
      {o && props && (
        <Stack gap="md">
          <Group gap="xs">
            {/* Helm releases are read from Helm's storage: no editor, export or events of their own. */}
            {!kind.readOnly && <EditButton target={target} />}
            {!kind.readOnly && <ExportButton targets={[target]} fileName={`${target.name}.yaml`} />}
            {view.Toolbar && props && <view.Toolbar {...props} />}
            <ActionButtons
              context={target.context}
              kind={kind}
              targets={[target]}
              object={o}
              onDone={(outcomes, action) => action === "delete" && outcomes[0]?.ok && onClose()}
              keysLayer="details"
            />
          </Group>
          {!row && loaded && (
            <Alert color="yellow" variant="light">
              {t("details.gone")}
            </Alert>
          )}
          <Tabs defaultValue="overview" keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="overview">{t("details.overview")}</Tabs.Tab>
              {!kind.readOnly && <Tabs.Tab value="events">{t("details.events")}</Tabs.Tab>}
              {view.tabs?.map((tab) => (
                <Tabs.Tab key={tab.id} value={tab.id}>
                  {tab.title(t)}
                </Tabs.Tab>
              ))}
              {!kind.readOnly && <Tabs.Tab value="yaml">YAML</Tabs.Tab>}
            </Tabs.List>
            <Tabs.Panel value="overview" pt="md">
              <Stack gap="lg">
                {view.Notices && <view.Notices {...props} />}
                <Table variant="vertical" layout="fixed" withRowBorders={false} verticalSpacing={4}>
                  <Table.Tbody>
                    <Table.Tr>
                      <Table.Th w={150}>{t("details.name")}</Table.Th>
                      <Table.Td>{o.metadata?.name}</Table.Td>
                    </Table.Tr>
                    {o.metadata?.namespace && (
                      <Table.Tr>
                        <Table.Th>{t("details.namespace")}</Table.Th>
                        <Table.Td>{o.metadata.namespace}</Table.Td>
                      </Table.Tr>
                    )}
                    <Table.Tr>
                      <Table.Th>{t("details.created")}</Table.Th>
                      <Table.Td>
                        {t("details.ago", { age: ago(o.metadata?.creationTimestamp, now) })} · {o.metadata?.creationTimestamp}
                      </Table.Td>
                    </Table.Tr>
                    <Table.Tr>
                      <Table.Th>UID</Table.Th>
                      <Table.Td>
                        <Code>{o.metadata?.uid}</Code>
                      </Table.Td>
                    </Table.Tr>
                    {view.OverviewRows && <view.OverviewRows {...props} />}
                    <Table.Tr>
                      <Table.Th>{t("details.labels")}</Table.Th>
                      <Table.Td>
                        <Labels labels={o.metadata?.labels} />
                      </Table.Td>
                    </Table.Tr>
                    <Table.Tr>
                      <Table.Th>{t("details.annotations")}</Table.Th>
                      <Table.Td>
                        <Stack gap={2}>
                          {Object.entries((o.metadata?.annotations ?? {}) as Record<string, string>).map(([k, v]) => (
                            <Text key={k} size="xs" ff="monospace" lineClamp={2} title={v}>
                              {k}: {v}
                            </Text>
                          ))}
                          {!o.metadata?.annotations && <Text size="sm">—</Text>}
                        </Stack>
                      </Table.Td>
                    </Table.Tr>
                  </Table.Tbody>
                </Table>
                {!kind.readOnly && (
                  <Section title={t("details.related")}>{related.data ? <RelationLinks relations={related.data} /> : <Loader size="xs" />}</Section>
                )}
                {Array.isArray(o.status?.conditions) && o.status.conditions.length > 0 && (
                  <Section title={t("details.conditions")}>
                    <Conditions conditions={o.status.conditions} />
                  </Section>
                )}
                {view.sections?.map((Part, i) => (
                  <Part key={i} {...props} />
                ))}
              </Stack>
            </Tabs.Panel>
            <Tabs.Panel value="events" pt="md">
              <ObjectEvents context={target.context} uid={o.metadata?.uid} namespace={o.metadata?.namespace} />
            </Tabs.Panel>
            {view.tabs?.map((tab) => (
              <Tabs.Panel key={tab.id} value={tab.id} pt="md">
                <tab.Panel {...props} />
              </Tabs.Panel>
            ))}
            <Tabs.Panel value="yaml" pt="md">
              {view.yamlNote && (
                <Text size="xs" c="dimmed" mb="xs">
                  {t(view.yamlNote)}
                </Text>
              )}
              <ObjectYaml object={o} label={t("details.yaml")} />
            </Tabs.Panel>
          </Tabs>
        </Stack>
      )}
    </Drawer>
  );
}
