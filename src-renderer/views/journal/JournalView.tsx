// The change journal of a context (DESIGN §5): every change Kubedeck made, newest first, with
// who made it, what it was and the objects it touched; one opened shows each object's diff
// (before → after) and can be reverted. Main keeps the journal; this view only reads it.
import { Alert, Badge, Button, Code, Group, Loader, Modal, ScrollArea, Select, Stack, Table, Text, Title } from "@mantine/core";
import { IconArrowBackUp } from "@tabler/icons-react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { stringify } from "yaml";
import type { ApiErrorShape } from "../../../src-shared/api/errors.ts";
import type { JournalEntryInfo, JournalObjectInfo, RevertResult } from "../../../src-shared/api/types.ts";
import { getJournalEntry, listJournal } from "../../api/index.ts";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { lazyView } from "../../components/lazy-view.tsx";
import { keys } from "../../data/keys.ts";
import { ago, useNow } from "../../data/useNow.ts";
import { revertAndTell } from "./undo.tsx";

// Monaco's diff editor comes with the editor's chunk, when an entry is first opened.
const Diff = lazyView(() => import("../../editor/YamlEditor.tsx").then((m) => m.YamlDiff), <Loader size="sm" />);

const objectName = (o: JournalObjectInfo) => `${o.kind} ${o.ref.namespace ? `${o.ref.namespace}/` : ""}${o.ref.name}`;
const changeColor: Record<JournalObjectInfo["change"], string> = {
  created: "green",
  changed: "blue",
  deleted: "red",
  unchanged: "gray",
  failed: "gray",
  pending: "yellow",
};

function Entry({ context, info, onReverted }: { context: string; info: JournalEntryInfo; onReverted(): void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const entry = useQuery({ queryKey: keys.journal(context, info.id, info.revertedBy ?? ""), queryFn: () => getJournalEntry(context, info.id) });
  const changedObjects = (entry.data?.objects ?? []).map((o, i) => ({ o, i })).filter(({ o }) => ["created", "changed", "deleted"].includes(o.change));
  const [chosen, setChosen] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<RevertResult>();
  const shown = changedObjects.find(({ i }) => String(i) === chosen) ?? changedObjects[0];
  const revertable = !info.revertedBy && changedObjects.length > 0;
  const unkept = (entry.data?.objects ?? []).filter((o) => o.kept === "memory" || o.kept === "gone");

  async function revert() {
    setBusy(true);
    const r = await revertAndTell(context, info.id, t, client);
    setBusy(false);
    setConfirming(false);
    if (r) {
      setResult(r);
      onReverted();
    }
  }

  return (
    <Stack gap="sm" aria-label={t("journal.entryTitle")}>
      <Group justify="space-between">
        <Title order={3} size="h5">
          {t(`journal.what.${info.what}`, { defaultValue: info.what })} · {new Date(info.at).toLocaleString()}
        </Title>
        <Button size="xs" color="orange" leftSection={<IconArrowBackUp size={14} />} disabled={!revertable} onClick={() => setConfirming(true)}>
          {t("journal.revert")}
        </Button>
      </Group>
      {info.revertedBy && (
        <Text size="sm" c="dimmed">
          {t("journal.alreadyReverted")}
        </Text>
      )}
      {unkept.map((o) => (
        <Alert key={objectName(o)} color={o.kept === "gone" ? "gray" : "orange"} variant="light" role="status">
          {t(`journal.kept.${o.kept}`, { name: objectName(o) })}
        </Alert>
      ))}
      {result && (
        <Table aria-label={t("journal.revertResults")} withTableBorder verticalSpacing={4}>
          <Table.Tbody>
            {result.outcomes.map((o) => (
              <Table.Tr key={`${o.ref.resource}/${o.ref.namespace}/${o.ref.name}`}>
                <Table.Td>
                  <Code>{`${o.ref.resource} ${o.ref.namespace ? `${o.ref.namespace}/` : ""}${o.ref.name}`}</Code>
                </Table.Td>
                <Table.Td>
                  {o.ok ? (
                    <Badge color={changeColor[o.change]} variant="light" tt="none">
                      {t(`journal.change.${o.change}`)}
                    </Badge>
                  ) : (
                    <Text size="sm" c="red">
                      {o.error.message}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {entry.isLoading && <Loader size="sm" />}
      {entry.error && <ErrorAlert title={t("journal.readFailed")} error={entry.error as unknown as ApiErrorShape} />}
      {changedObjects.length > 1 && (
        <Select
          label={t("journal.object")}
          size="xs"
          value={shown ? String(shown.i) : null}
          onChange={setChosen}
          data={changedObjects.map(({ o, i }) => ({ value: String(i), label: `${objectName(o)} — ${t(`journal.change.${o.change}`)}` }))}
          allowDeselect={false}
        />
      )}
      {shown && (
        <>
          <Text size="sm" c="dimmed">
            {t("journal.diffOf", { name: objectName(shown.o) })}
          </Text>
          <Diff.View
            original={shown.o.before ? stringify(shown.o.before, { lineWidth: 0 }) : ""}
            modified={shown.o.after ? stringify(shown.o.after, { lineWidth: 0 }) : ""}
            ariaLabel={t("journal.diff")}
            height="calc(100vh - 420px)"
          />
        </>
      )}
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t("journal.confirmTitle")}>
        <Stack gap="sm">
          <Text size="sm">{t("journal.confirm", { count: changedObjects.length })}</Text>
          <Stack gap={2}>
            {changedObjects.slice(0, 10).map(({ o }) => (
              <Code key={objectName(o)}>{`${objectName(o)}: ${t(`journal.undoes.${o.change}`)}`}</Code>
            ))}
            {changedObjects.length > 10 && <Text size="xs">{t("journal.more", { count: changedObjects.length - 10 })}</Text>}
          </Stack>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t("actions.cancel")}
            </Button>
            <Button color="orange" loading={busy} onClick={() => void revert()}>
              {t("journal.revert")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

export function JournalView({ context }: { context: string }) {
  const { t } = useTranslation();
  const now = useNow();
  const list = useQuery({ queryKey: keys.journal(context), queryFn: () => listJournal(context), refetchInterval: 5_000 });
  const [open, setOpen] = useState<string>();
  const entries = list.data ?? [];
  const opened = entries.find((e) => e.id === open);
  return (
    <Stack gap="sm" h="100%">
      <Group justify="space-between">
        <Title order={2} size="h4">
          {t("journal.title")}
        </Title>
        <Text size="xs" c="dimmed">
          {t("journal.bounds")}
        </Text>
      </Group>
      {list.error && <ErrorAlert title={t("journal.readFailed")} error={list.error as unknown as ApiErrorShape} />}
      {list.data && !entries.length && <Text c="dimmed">{t("journal.empty")}</Text>}
      {entries.length > 0 && (
        <ScrollArea.Autosize mah={opened ? 220 : "calc(100vh - 200px)"} type="auto">
          <Table highlightOnHover aria-label={t("journal.title")} stickyHeader verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("journal.when")}</Table.Th>
                <Table.Th>{t("journal.who")}</Table.Th>
                <Table.Th>{t("journal.whatColumn")}</Table.Th>
                <Table.Th>{t("journal.objects")}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map((e) => {
                const touched = e.objects.filter((o) => ["created", "changed", "deleted"].includes(o.change));
                return (
                  <Table.Tr
                    key={e.id}
                    onClick={() => setOpen(e.id)}
                    bg={e.id === open ? "var(--mantine-color-default-hover)" : undefined}
                    style={{ cursor: "pointer" }}
                    aria-selected={e.id === open}
                  >
                    <Table.Td title={new Date(e.at).toLocaleString()}>{t("details.ago", { age: ago(e.at, now) })}</Table.Td>
                    <Table.Td>{e.who}</Table.Td>
                    <Table.Td>
                      <Button variant="subtle" size="compact-sm" onClick={() => setOpen(e.id)}>
                        {t(`journal.what.${e.what}`, { defaultValue: e.what })}
                      </Button>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {touched.slice(0, 3).map((o) => (
                          <Badge key={objectName(o)} color={changeColor[o.change]} variant="light" tt="none" fw={400}>
                            {objectName(o)}
                          </Badge>
                        ))}
                        {touched.length > 3 && <Text size="xs">{t("journal.more", { count: touched.length - 3 })}</Text>}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      {e.revertedBy && (
                        <Badge color="gray" variant="outline" tt="none">
                          {t("journal.revertedBadge")}
                        </Badge>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      )}
      {opened && <Entry key={opened.id} context={context} info={opened} onReverted={() => void list.refetch()} />}
    </Stack>
  );
}
