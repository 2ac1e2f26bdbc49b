// Where the editor opens from: "Edit" on an open object, "Create" on a list. Monaco is large,
// so the dialog's code (and Monaco's) loads only when one of these is first pressed. Like
// the action buttons, a button the user's RBAC forbids stays visible, disabled, saying why.
import { Button, Tooltip } from "@mantine/core";
import { IconPencil, IconPlus } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { ObjectRef } from "../../src-shared/api/refs.ts";
import type { AccessCheck, ApiResourceInfo } from "../../src-shared/api/types.ts";
import { describeNeed } from "../../src-shared/kinds/actions.ts";
import { checkAccess } from "../api/index.ts";
import { lazyView } from "../components/lazy-view.tsx";
import { keys } from "../data/keys.ts";
import { templateFor } from "../../src-shared/kinds/templates.ts";

const Dialog = lazyView(() => import("./EditorDialog.tsx").then((m) => m.EditorDialog));

function useAllowed(context: string, check: AccessCheck): { allowed: boolean; reason?: string } {
  const answer = useQuery({
    queryKey: keys.access(context, "editor", [check.verb, check.group, check.resource, check.namespace ?? "", check.name ?? ""]),
    staleTime: 30_000,
    queryFn: async () => (await checkAccess({ context, checks: [check] }))[0],
  });
  if (answer.error) return { allowed: false, reason: (answer.error as { message?: string }).message };
  if (!answer.data) return { allowed: false };
  return answer.data.allowed ? { allowed: true } : { allowed: false, reason: [describeNeed(check), answer.data.reason].filter(Boolean).join(" — ") };
}

function Guarded({ allowed, reason, children }: { allowed: boolean; reason?: string; children: ReactNode }) {
  const { t } = useTranslation();
  if (allowed || !reason) return children;
  const why = t("editor.forbidden", { need: reason });
  return (
    <Tooltip label={why} multiline w={300} withArrow>
      <span role="note" aria-label={why}>
        {children}
      </span>
    </Tooltip>
  );
}

export function EditButton({ target }: { target: ObjectRef }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const { allowed, reason } = useAllowed(target.context, {
    verb: "patch",
    group: target.group,
    resource: target.resource,
    namespace: target.namespace,
    name: target.name,
  });
  return (
    <>
      <Guarded allowed={allowed} reason={reason}>
        <Button size="xs" variant="default" leftSection={<IconPencil size={14} />} disabled={!allowed} onClick={() => setOpen(true)}>
          {t("editor.edit")}
        </Button>
      </Guarded>
      {open && <Dialog.View context={target.context} namespace={target.namespace} target={target} onClose={() => setOpen(false)} />}
    </>
  );
}

export function CreateButton({ context, info, namespace }: { context: string; info: ApiResourceInfo; namespace?: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const { allowed, reason } = useAllowed(context, {
    verb: "create",
    group: info.group,
    resource: info.resource,
    namespace: info.namespaced ? (namespace ?? "default") : undefined,
  });
  return (
    <>
      <Guarded allowed={allowed} reason={reason}>
        <Button size="xs" variant="default" leftSection={<IconPlus size={14} />} disabled={!allowed} onClick={() => setOpen(true)}>
          {t("editor.create")}
        </Button>
      </Guarded>
      {open && <Dialog.View context={context} namespace={namespace} initial={templateFor(info, namespace)} onClose={() => setOpen(false)} />}
    </>
  );
}
