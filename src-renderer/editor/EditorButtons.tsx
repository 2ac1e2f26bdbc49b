// Where the editor opens from: "Edit" on an open object (its unsaved draft, if there is one),
// "Create" on a list, and the list of drafts kept by main. Monaco is large,
// so the dialog's code (and Monaco's) loads only when one of these is first pressed. Like
// the action buttons, a button the user's RBAC forbids stays visible, disabled, saying why.
import { Button, Menu, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconChevronDown, IconNotes, IconPencil, IconPlus } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { memo, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ObjectRef } from "../../src-shared/api/refs.ts";
import type { AccessCheck, ApiResourceInfo } from "../../src-shared/api/types.ts";
import { getDraft, listDrafts } from "../api/index.ts";
import { Guarded, useAllowed } from "../components/access.tsx";
import { lazyView } from "../components/lazy-view.tsx";
import { keys } from "../data/keys.ts";
import { useGuardedKey } from "../keys/scoped-keys.ts";
import { templatesFor } from "../../src-shared/kinds/templates.ts";
import { editKey } from "../../src-shared/kinds/action-keys.ts";

const Dialog = lazyView(() => import("./EditorDialog.tsx").then((m) => m.EditorDialog));

const sameObject = (a: ObjectRef, b: ObjectRef) =>
  a.context === b.context && a.group === b.group && a.resource === b.resource && (a.namespace ?? "") === (b.namespace ?? "") && a.name === b.name;

function useDrafts() {
  return useQuery({ queryKey: keys.drafts, queryFn: listDrafts, staleTime: 5_000 });
}

/** The editor, on a draft kept earlier: read from main when opened. */
function DraftEditor({ id, onClose }: { id: string; onClose(): void }) {
  // Read once: the list's refreshes (exact key) must not re-read a draft the open editor has just applied.
  const draft = useQuery({ queryKey: [...keys.drafts, id], queryFn: () => getDraft(id), staleTime: Infinity, gcTime: 0 });
  // A draft discarded in another window meanwhile: say so, and open nothing.
  useEffect(() => {
    if (!draft.error) return;
    notifications.show({ color: "red", message: (draft.error as { message?: string }).message ?? String(draft.error) });
    onClose();
  }, [draft.error, onClose]);
  return draft.data ? <Dialog.View context={draft.data.context} draft={draft.data} onClose={onClose} /> : null;
}

interface EditProps {
  target: ObjectRef;
  /** Only the key, heard in the list while `keysWhen` holds (the focused row's `e`). */
  keysOnly?: boolean;
  keysWhen?(): boolean;
}

export function EditButton({ target, keysOnly, keysWhen }: EditProps) {
  const { t } = useTranslation();
  // Decided when pressed: the draft the open editor keeps must not swap the editor for itself.
  const [open, setOpen] = useState<{ draft?: string }>();
  // An unsaved edit of this object comes back instead of a fresh copy.
  const drafts = useDrafts();
  const draft = drafts.data?.find((d) => d.target && sameObject(d.target, target));
  // The focused row's key asks about the kind in its namespace, once, not about each row moved
  // through (RBAC by name is rare; the cluster still refuses a save it does not allow).
  const { allowed, reason } = useAllowed(target.context, {
    verb: "patch",
    group: target.group,
    resource: target.resource,
    namespace: target.namespace,
    ...(keysOnly ? {} : { name: target.name }),
  });
  // `e` in the open object's details or on the focused row, as in k9s: the same editor, or the permission it lacks.
  useGuardedKey(keysOnly ? "list" : "details", editKey, { allowed, reason }, t("editor.edit"), () => setOpen({ draft: draft?.id }), keysWhen);
  return (
    <>
      {!keysOnly && (
        <Guarded allowed={allowed} reason={reason} press={editKey}>
          <Button size="xs" variant="default" leftSection={<IconPencil size={14} />} disabled={!allowed} onClick={() => setOpen({ draft: draft?.id })}>
            {t("editor.edit")}
          </Button>
        </Guarded>
      )}
      {open &&
        (open.draft ? (
          <DraftEditor id={open.draft} onClose={() => setOpen(undefined)} />
        ) : (
          <Dialog.View context={target.context} namespace={target.namespace} target={target} onClose={() => setOpen(undefined)} />
        ))}
    </>
  );
}

/** What Create needs: creating the kind, in the namespace the list shows (else default). */
export const createNeed = (info: ApiResourceInfo, namespace?: string): AccessCheck => ({
  verb: "create",
  group: info.group,
  resource: info.resource,
  namespace: info.namespaced ? (namespace ?? "default") : undefined,
});

// Memoized, as DraftsButton: they sit in a list's toolbar, which renders again at every batch of rows.
export const CreateButton = memo(function CreateButton({ context, info, namespace }: { context: string; info: ApiResourceInfo; namespace?: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<string>();
  const { allowed, reason } = useAllowed(context, createNeed(info, namespace));
  const templates = templatesFor(info, namespace);
  const button = (onClick?: () => void) => (
    <Button
      size="xs"
      variant="default"
      leftSection={<IconPlus size={14} />}
      rightSection={onClick ? undefined : <IconChevronDown size={14} />}
      disabled={!allowed}
      onClick={onClick}
    >
      {t("editor.create")}
    </Button>
  );
  return (
    <>
      <Guarded allowed={allowed} reason={reason}>
        {templates.length === 1 ? (
          button(() => setOpen(templates[0].text))
        ) : (
          // A kind with several templates (pods, services): the user picks one.
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>{button()}</Menu.Target>
            <Menu.Dropdown>
              {templates.map((tpl) => (
                <Menu.Item key={tpl.id} onClick={() => setOpen(tpl.text)}>
                  {t(`editor.templates.${tpl.id}`)}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        )}
      </Guarded>
      {open !== undefined && <Dialog.View context={context} namespace={namespace} initial={open} onClose={() => setOpen(undefined)} />}
    </>
  );
});

/** The drafts of this context, each one click from the editor again; nothing when there are none. */
export const DraftsButton = memo(function DraftsButton({ context }: { context: string }) {
  const { t, i18n } = useTranslation();
  const drafts = useDrafts();
  const [open, setOpen] = useState<string>();
  const mine = drafts.data?.filter((d) => d.context === context) ?? [];
  if (!mine.length && !open) return null;
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button size="xs" variant="light" color="orange" leftSection={<IconNotes size={14} />}>
            {t("editor.drafts")} ({mine.length})
          </Button>
        </Menu.Target>
        <Menu.Dropdown aria-label={t("editor.draftsTitle")}>
          <Menu.Label>{t("editor.draftsTitle")}</Menu.Label>
          {mine.map((d) => (
            <Menu.Item key={d.id} onClick={() => setOpen(d.id)}>
              <Text size="sm">{d.title}</Text>
              <Text size="xs" c="dimmed">
                {new Date(d.updatedAt).toLocaleString(i18n.language)}
              </Text>
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      {open && <DraftEditor id={open} onClose={() => setOpen(undefined)} />}
    </>
  );
});
