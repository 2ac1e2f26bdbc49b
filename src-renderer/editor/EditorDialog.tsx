// Create, edit and apply YAML (DESIGN §5): the editor validates each document by the
// cluster's own schema as the user types; "Review" sends everything as a server-side dry run
// (admission and validation, nothing persisted) and shows the server's rejections on their
// lines, or a side-by-side diff of what would change; "Apply" then sends it for real and
// reports each document. An object changed on the server since the editor opened it is
// said so, with reload, difference and apply-anyway offered. Files and folders open into the
// editor; "Delete" deletes what the documents name (kubectl delete -f). Every change made is
// in the change journal, and the notification saying it was made can undo it.
import { Alert, Badge, Button, Code, Group, Modal, SegmentedControl, Stack, Table, Text } from "@mantine/core";
import { IconEye, IconFile, IconFolder } from "@tabler/icons-react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { parseDocument, stringify } from "yaml";
import type { ApiErrorShape } from "../../src-shared/api/errors.ts";
import type { ObjectRef } from "../../src-shared/api/refs.ts";
import type { ApplyOutcome, Draft, DraftInfo, EditorSchemas } from "../../src-shared/api/types.ts";
import { editable } from "../../src-shared/k8s/editable.ts";
import type { K8sObject } from "../../src-shared/kinds/types.ts";
import { applyDocuments, discardDraft, getObject, revealSecret, saveDraft, schemasForKinds } from "../api/index.ts";
import { keys } from "../data/keys.ts";
import { useUndoNotice } from "../views/journal/undo.tsx";
import { readYamlFiles } from "./files.ts";
import { scanKinds, type KindLine } from "../../src-shared/k8s/yaml-kinds.ts";
import { parseText, positionOf } from "./documents.ts";
import { YamlDiff, YamlEditor, type EditorMarker } from "./YamlEditor.tsx";

export interface EditorDialogProps {
  context: string;
  /** Where documents without a namespace go. */
  namespace?: string;
  /** Editing one object: it is read fresh, and its version remembered to notice changes made meanwhile. */
  target?: ObjectRef;
  /** Creating: the text to start from (a template). */
  initial?: string;
  /** Editing with a change already made (a wizard's way out): the text starts from the object as read, changed by this. */
  edit?(object: K8sObject): K8sObject;
  /** Going on with a draft kept earlier (its text, object and version are the draft's). */
  draft?: Draft;
  onClose(): void;
}

/** How long typing pauses before the draft is kept. */
const draftDelayMs = 700;

type Mode = "create" | "apply" | "replace" | "delete";
type Stage = { at: "editing" } | { at: "reviewing"; outcomes: ApplyOutcome[]; force: boolean } | { at: "done"; outcomes: ApplyOutcome[] };

const yamlOf = (o: K8sObject) => stringify(o, { lineWidth: 0 });
const describe = (o: ApplyOutcome, i: number) => (o.ref ? `${o.ref.resource}${o.ref.namespace ? ` ${o.ref.namespace}/` : " "}${o.ref.name}` : `#${i + 1}`);
let editors = 0;

/** Which kinds the text holds, as a stable key: the schema is fetched again only when that changes. */
function useKinds(text: string): KindLine[] {
  const [kinds, setKinds] = useState(() => scanKinds(text));
  useEffect(() => {
    const timer = setTimeout(() => setKinds(scanKinds(text)), 300);
    return () => clearTimeout(timer);
  }, [text]);
  return kinds;
}

function useSchema(context: string, kinds: KindLine[]) {
  const wanted = useMemo(() => {
    const seen = new Map<string, { apiVersion: string; kind: string }>();
    for (const k of kinds) if (k.apiVersion && k.kind) seen.set(`${k.apiVersion}/${k.kind}`, { apiVersion: k.apiVersion, kind: k.kind });
    return [...seen.values()].sort((a, b) => `${a.apiVersion}/${a.kind}`.localeCompare(`${b.apiVersion}/${b.kind}`));
  }, [kinds]);
  return useQuery<EditorSchemas>({
    queryKey: keys.schemas(context, wanted.map((k) => `${k.apiVersion}/${k.kind}`).join(",")),
    queryFn: () => schemasForKinds(context, wanted),
    staleTime: 10_000,
    placeholderData: (prev) => prev,
  });
}

/** What a new draft is called in the list: its kinds, and the first name it gives ("ConfigMap, Service web"). */
function newTitle(text: string): string {
  const kinds = [...new Set(scanKinds(text.slice(0, 200_000)).flatMap((k) => (k.kind ? [k.kind] : [])))];
  const name = /^ {2}name:[ \t]*["']?([^\s"'#]+)/m.exec(text.slice(0, 200_000))?.[1];
  return [kinds.slice(0, 3).join(", ") + (kinds.length > 3 ? " …" : ""), name].filter(Boolean).join(" ") || "YAML";
}

interface DraftKeeping {
  draft?: Draft;
  context: string;
  namespace?: string;
  target?: ObjectRef;
  openedVersion: { current: string | undefined };
  mode: Mode;
  /** The user's text, once they have typed. */
  text?: string;
  base?: string;
}

/**
 * Keeps the user's text as a draft in main a moment after each pause in typing, one save at
 * a time (the first one names the draft). `discard` ends it: applied, or thrown away.
 */
function useDraft({ draft, context, namespace, target, openedVersion, mode, text, base }: DraftKeeping) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [info, setInfo] = useState<Pick<DraftInfo, "kept" | "updatedAt"> | undefined>(draft);
  // `settled`: the text that was applied or discarded, which a save still pending must not bring back.
  const state = useRef<{ id?: string; chain: Promise<unknown>; settled?: string }>({ id: draft?.id, chain: Promise.resolve() });
  const latestMode = useRef(mode);
  latestMode.current = mode;
  const [failure, setFailure] = useState<string>();
  // One at a time, in order; a failed save does not stop the ones after it.
  const keep = (save: () => Promise<unknown>) => {
    const next = state.current.chain.catch(() => undefined).then(save);
    state.current.chain = next.finally(() => void queryClient.invalidateQueries({ queryKey: keys.drafts, exact: true }));
    return next;
  };
  useEffect(() => {
    if (text === undefined || (text === base && !state.current.id)) return;
    const timer = setTimeout(() => {
      const title = target ? t("editor.editTitle", { name: target.namespace ? `${target.namespace}/${target.name}` : target.name }) : newTitle(text);
      void keep(async () => {
        if (state.current.settled === text) return;
        const saved = await saveDraft({
          id: state.current.id,
          context,
          namespace,
          target,
          openedVersion: openedVersion.current,
          mode: latestMode.current,
          title,
          text,
          base,
        });
        state.current.id = saved.id;
        setInfo(saved);
        setFailure(undefined);
      }).catch((e: { message?: string }) => setFailure(e.message ?? String(e)));
    }, draftDelayMs);
    return () => clearTimeout(timer);
    // Saved again when the text changes; the rest is fixed for the editor's life.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text]);
  const discard = () => {
    state.current.settled = text;
    return keep(async () => {
      if (state.current.id) await discardDraft(state.current.id);
      state.current.id = undefined;
      setInfo(undefined);
    });
  };
  return [{ info, failure }, { discard }] as const;
}

export function EditorDialog({ context: givenContext, namespace: givenNamespace, target: given, initial, edit, draft, onClose }: EditorDialogProps) {
  const { t, i18n } = useTranslation();
  const [id] = useState(() => `editor-${++editors}`);
  // A draft goes on where it was begun.
  const target = draft ? draft.target : given;
  const context = draft?.context ?? givenContext;
  const namespace = draft ? draft.namespace : givenNamespace;
  // Editing starts from the object as it is now, without what the server keeps for itself.
  const opened = useQuery({
    queryKey: target ? keys.editing(target) : ["none"],
    queryFn: () => getObject(target!),
    enabled: !!target && !draft,
    staleTime: Infinity,
    gcTime: 0,
  });
  const openedText = useMemo(() => (draft ? (draft.base ?? "") : opened.data ? yamlOf(editable(opened.data)) : initial), [draft, opened.data, initial]);
  const openedVersion = useRef<string | undefined>(draft?.openedVersion);
  if (opened.data && !openedVersion.current) openedVersion.current = opened.data.metadata?.resourceVersion;
  const [text, setText] = useState<string | undefined>(draft?.text);
  // A change made elsewhere starts the text once the object is read; the diff shows it against the object.
  const [edited, setEdited] = useState(false);
  if (edit && opened.data && !edited && text === undefined) {
    setEdited(true);
    setText(yamlOf(editable(edit(opened.data))));
  }
  const current = text ?? openedText ?? "";
  const [mode, setMode] = useState<Mode>(draft?.mode ?? (target ? "replace" : "create"));
  const [kept, setKept] = useDraft({
    draft,
    context,
    namespace,
    target,
    openedVersion,
    mode,
    text,
    base: openedText,
  });
  // Reloading replaces the editor (a new key) with the server's version.
  const [generation, setGeneration] = useState(0);
  const [reloaded, setReloaded] = useState<string | undefined>(undefined);
  const [stage, setStage] = useState<Stage>({ at: "editing" });
  const undoable = useUndoNotice();
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiErrorShape | undefined>(undefined);
  const [serverMarkers, setServerMarkers] = useState<EditorMarker[]>([]);
  const [liveDiff, setLiveDiff] = useState<{ original: string; modified: string } | undefined>(undefined);

  const kinds = useKinds(current);
  const schema = useSchema(context, kinds);
  const markers = useMemo(() => {
    const unknown = schema.data?.unknown ?? [];
    const ours: EditorMarker[] = kinds.flatMap((k) => {
      const u = unknown.find((x) => x.apiVersion === k.apiVersion && x.kind === k.kind);
      return u
        ? [
            {
              line: k.line,
              column: 1,
              severity: "error" as const,
              message: t("editor.notServed", { apiVersion: u.apiVersion, kind: u.kind, reason: u.reason }),
            },
          ]
        : [];
    });
    return [...ours, ...serverMarkers];
  }, [kinds, schema.data, serverMarkers, t]);

  async function send(dryRun: boolean, force: boolean) {
    const p = parseText(current);
    if (p.errors.length) {
      setServerMarkers(p.errors.map((e) => ({ ...e, severity: "error" })));
      setFailure({ code: "Invalid", message: t("editor.syntax", { line: p.errors[0].line, column: p.errors[0].column, message: p.errors[0].message }) });
      return;
    }
    if (!p.documents.length) {
      setFailure({ code: "Invalid", message: t("editor.empty") });
      return;
    }
    setBusy(true);
    setFailure(undefined);
    try {
      const outcomes = await applyDocuments({ context, namespace, mode, dryRun, force, documents: p.documents.map((d) => d.object!) });
      // The server's rejections, on the lines of the fields they name.
      setServerMarkers(
        outcomes.flatMap((o, i) => {
          if (o.ok) return [];
          const doc = p.documents[i];
          const fields = o.error.fields?.filter((f) => f.path) ?? [];
          if (!fields.length) return [{ ...doc.anchor, severity: "error" as const, message: [o.error.message, o.error.reason].filter(Boolean).join("\n") }];
          return fields.map((f) => ({ ...positionOf(doc, f.path, p.position), severity: "error" as const, message: `${f.path}: ${f.message}` }));
        }),
      );
      setStage(dryRun ? { at: "reviewing", outcomes, force } : { at: "done", outcomes });
      const journal = outcomes.find((o) => o.ok && o.journal);
      if (!dryRun && journal?.ok && journal.journal) {
        const count = outcomes.filter((o) => o.ok && o.status !== "unchanged").length;
        undoable(context, journal.journal, t(mode === "delete" ? "editor.deletedNotice" : "editor.appliedNotice", { count }));
      }
      // Applied in full: the draft has served its purpose.
      if (!dryRun && outcomes.every((o) => o.ok)) await setKept.discard();
    } catch (e) {
      setFailure(e as ApiErrorShape);
    } finally {
      setBusy(false);
    }
  }

  async function showLiveDifference() {
    if (!target) return;
    const live = await getObject(target);
    setLiveDiff({ original: openedText ?? "", modified: yamlOf(editable(live)) });
  }

  /** Puts new text in the editor (a new editor, so the user's undo history does not mix two texts). */
  function replaceText(fresh: string) {
    setReloaded(fresh);
    setText(fresh);
    setGeneration((g) => g + 1);
    setServerMarkers([]);
    setStage({ at: "editing" });
  }

  async function reload() {
    if (!target) return;
    const live = await getObject(target);
    openedVersion.current = live.metadata?.resourceVersion;
    replaceText(yamlOf(editable(live)));
  }

  async function openFiles(list: FileList | null) {
    if (!list?.length) return;
    setFailure(undefined);
    const read = await readYamlFiles([...list]);
    if (read.ok) replaceText(read.text);
    else setFailure({ code: "Invalid", message: t(`editor.files.${read.problem}`, { file: read.file, reason: read.reason }) });
  }

  /** A Secret's values into the editor as plain text (stringData): only on this explicit request. */
  async function revealIntoEditor() {
    if (!target) return;
    setFailure(undefined);
    try {
      const values = await revealSecret(target);
      const doc = parseDocument(current);
      for (const v of values) if (v.text !== undefined) doc.setIn(["stringData", v.key], v.text);
      const binary = values.filter((v) => v.text === undefined).map((v) => v.key);
      if (binary.length) doc.commentBefore = [doc.commentBefore, t("editor.binaryKept", { keys: binary.join(", ") })].filter(Boolean).join("\n");
      replaceText(doc.toString({ lineWidth: 0 }));
    } catch (e) {
      setFailure(e as ApiErrorShape);
    }
  }

  const title = target ? t("editor.editTitle", { name: target.namespace ? `${target.namespace}/${target.name}` : target.name }) : t("editor.createTitle");
  const outcomes = stage.at === "editing" ? [] : stage.outcomes;
  const failed = outcomes.filter((o) => !o.ok);
  const conflicts = failed.filter((o) => !o.ok && o.error.code === "Conflict" && o.error.fields?.length);
  const changedMeanwhile =
    stage.at === "reviewing" && target && openedVersion.current && outcomes[0]?.ok && outcomes[0].beforeVersion !== openedVersion.current;

  return (
    // Escape belongs to the editor (closing its suggestions, hovers and problem views): a stray
    // one must not close the dialog and lose the text. Cancel and the close button do.
    <Modal opened onClose={onClose} title={title} fullScreen closeOnEscape={false} aria-label={title}>
      <Stack gap="sm">
        {target && opened.isLoading && <Text size="sm">{t("editor.loading")}</Text>}
        {opened.error && <Alert color="red">{(opened.error as unknown as ApiErrorShape).message}</Alert>}
        {(!target || opened.data || draft) && stage.at === "editing" && (
          <>
            <Group justify="space-between">
              <Group gap="xs">
                {!target && (
                  <SegmentedControl
                    size="xs"
                    value={mode}
                    onChange={(v) => setMode(v as Mode)}
                    aria-label={t("editor.mode")}
                    color={mode === "delete" ? "red" : undefined}
                    data={[
                      { value: "create", label: t("editor.modeCreate") },
                      { value: "apply", label: t("editor.modeApply") },
                      { value: "delete", label: t("editor.modeDelete") },
                    ]}
                  />
                )}
                {!target && (
                  <>
                    <Button size="xs" variant="default" leftSection={<IconFile size={14} />} onClick={() => fileInput.current?.click()}>
                      {t("editor.openFile")}
                    </Button>
                    <Button size="xs" variant="default" leftSection={<IconFolder size={14} />} onClick={() => folderInput.current?.click()}>
                      {t("editor.openFolder")}
                    </Button>
                    <input
                      ref={fileInput}
                      type="file"
                      multiple
                      accept=".yaml,.yml,.json"
                      hidden
                      aria-label={t("editor.openFile")}
                      onChange={(e) => void openFiles(e.currentTarget.files).finally(() => (e.target.value = ""))}
                    />
                    <input
                      ref={folderInput}
                      type="file"
                      hidden
                      aria-label={t("editor.openFolder")}
                      {...{ webkitdirectory: "" }}
                      onChange={(e) => void openFiles(e.currentTarget.files).finally(() => (e.target.value = ""))}
                    />
                  </>
                )}
                {target?.group === "" && target.resource === "secrets" && (
                  <Button size="xs" variant="default" leftSection={<IconEye size={14} />} onClick={() => void revealIntoEditor()}>
                    {t("editor.revealStringData")}
                  </Button>
                )}
                <Text size="xs" c="dimmed">
                  {t(`editor.${mode}Hint`, { namespace: namespace ?? "default" })}
                </Text>
              </Group>
              <Group gap="xs">
                {kept.failure && (
                  <Text size="xs" c="red" role="alert">
                    {t("editor.draftFailed", { reason: kept.failure })}
                  </Text>
                )}
                {kept.info && !kept.failure && (
                  <Text size="xs" c={kept.info.kept === "memory" ? "orange" : "dimmed"} role="status">
                    {t(`editor.draftKept.${kept.info.kept}`, { time: new Date(kept.info.updatedAt).toLocaleTimeString(i18n.language) })}
                  </Text>
                )}
                {kept.info && (
                  <Button
                    variant="subtle"
                    color="red"
                    size="xs"
                    onClick={async () => {
                      await setKept.discard();
                      onClose();
                    }}
                  >
                    {t("editor.discard")}
                  </Button>
                )}
                <Button variant="default" size="xs" onClick={onClose}>
                  {t(kept.info ? "editor.closeKeep" : "actions.cancel")}
                </Button>
                <Button size="xs" loading={busy} onClick={() => void send(true, false)}>
                  {t("editor.review")}
                </Button>
              </Group>
            </Group>
            {draft && (
              <Alert color="blue" variant="light" role="status">
                {t("editor.restored", { time: new Date(draft.updatedAt).toLocaleString(i18n.language) })}
              </Alert>
            )}
            {failure && (
              <Alert color="red" role="alert">
                {[failure.message, failure.reason].filter(Boolean).join("\n")}
              </Alert>
            )}
            {schema.error && (
              <Alert color="yellow" role="status">
                {t("editor.noSchema", { reason: (schema.error as unknown as ApiErrorShape).message })}
              </Alert>
            )}
            <YamlEditor
              key={generation}
              id={`${id}-${generation}`}
              initial={reloaded ?? current}
              onChange={(v) => {
                setText(v);
                if (serverMarkers.length) setServerMarkers([]);
              }}
              schema={schema.data?.schema}
              markers={markers}
              ariaLabel={t("editor.label")}
              height="calc(100vh - 170px)"
            />
          </>
        )}
        {stage.at !== "editing" && (
          <>
            <Group justify="space-between">
              <Text fw={600}>{stage.at === "reviewing" ? t("editor.reviewTitle") : t("editor.resultTitle")}</Text>
              <Group gap="xs">
                {stage.at === "reviewing" && (
                  <Button variant="default" size="xs" onClick={() => setStage({ at: "editing" })}>
                    {t("editor.backToEdit")}
                  </Button>
                )}
                {stage.at === "reviewing" && conflicts.length > 0 && (
                  <Button color="orange" size="xs" loading={busy} onClick={() => void send(true, true)}>
                    {t("editor.force")}
                  </Button>
                )}
                {stage.at === "reviewing" && (
                  <Button
                    size="xs"
                    color={mode === "delete" ? "red" : undefined}
                    loading={busy}
                    disabled={failed.length === outcomes.length}
                    onClick={() => void send(false, stage.force)}
                  >
                    {mode === "delete"
                      ? t("editor.deleteNow", { count: outcomes.length - failed.length })
                      : changedMeanwhile
                        ? t("editor.applyAnyway")
                        : t("editor.apply")}
                  </Button>
                )}
                {stage.at === "done" && (
                  <>
                    <Button variant="default" size="xs" onClick={() => setStage({ at: "editing" })}>
                      {t("editor.backToEdit")}
                    </Button>
                    <Button size="xs" onClick={onClose}>
                      {t("editor.close")}
                    </Button>
                  </>
                )}
              </Group>
            </Group>
            {changedMeanwhile && (
              <Alert color="yellow" role="alert" title={t("editor.changedTitle")}>
                <Stack gap="xs">
                  <Text size="sm">{t("editor.changed")}</Text>
                  <Group gap="xs">
                    <Button size="xs" variant="default" onClick={() => void reload()}>
                      {t("editor.reload")}
                    </Button>
                    <Button size="xs" variant="default" onClick={() => void showLiveDifference()}>
                      {t("editor.showChange")}
                    </Button>
                  </Group>
                  {liveDiff && <YamlDiff {...liveDiff} ariaLabel={t("editor.liveDiff")} height={260} />}
                </Stack>
              </Alert>
            )}
            {failure && (
              <Alert color="red" role="alert">
                {[failure.message, failure.reason].filter(Boolean).join("\n")}
              </Alert>
            )}
            <Results outcomes={outcomes} dryRun={stage.at === "reviewing"} />
            {stage.at === "reviewing" && mode !== "delete" && outcomes.some((o) => o.ok) && (
              <YamlDiff
                original={outcomes.flatMap((o) => (o.ok ? [o.before ? yamlOf(o.before) : ""] : [])).join("---\n")}
                modified={outcomes.flatMap((o) => (o.ok ? [o.after ? yamlOf(o.after) : ""] : [])).join("---\n")}
                ariaLabel={t("editor.diff")}
                height="calc(100vh - 260px)"
              />
            )}
          </>
        )}
      </Stack>
    </Modal>
  );
}

function Results({ outcomes, dryRun }: { outcomes: ApplyOutcome[]; dryRun: boolean }) {
  const { t } = useTranslation();
  return (
    <Table aria-label={t("editor.results")} withTableBorder verticalSpacing={4}>
      <Table.Tbody>
        {outcomes.map((o, i) => (
          <Table.Tr key={i}>
            <Table.Td w={320}>
              <Code>{describe(o, i)}</Code>
            </Table.Td>
            <Table.Td w={220}>
              <Badge color={o.ok ? (o.status === "unchanged" ? "gray" : o.status === "deleted" ? "orange" : "green") : "red"} variant="light" tt="none">
                {o.ok ? (dryRun ? t("editor.dryRun", { status: t(`editor.status.${o.status}`) }) : t(`editor.status.${o.status}`)) : t("editor.status.failed")}
              </Badge>
            </Table.Td>
            <Table.Td>
              {!o.ok && (
                <Stack gap={2}>
                  <Text size="sm">{o.error.message}</Text>
                  {o.error.reason && (
                    <Text size="xs" c="dimmed" style={{ whiteSpace: "pre-wrap" }}>
                      {o.error.reason}
                    </Text>
                  )}
                  {o.error.fields?.map((f) => (
                    <Text key={f.path + f.message} size="xs" ff="monospace">
                      {f.path}: {f.message}
                    </Text>
                  ))}
                </Stack>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
