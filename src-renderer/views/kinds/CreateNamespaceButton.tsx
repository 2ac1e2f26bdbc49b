// The Namespaces list's (and the overview's) "Create namespace" button; its form (with the YAML library) loads when first opened.
import { Button } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { memo, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { Guarded, useAllowed } from "../../components/access.tsx";
import { lazyView } from "../../components/lazy-view.tsx";

const Dialog = lazyView(() => import("./CreateNamespace.tsx").then((m) => m.CreateNamespaceDialog));

export const CreateNamespaceButton = memo(function CreateNamespaceButton({ context }: { context: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const { allowed, reason } = useAllowed(context, { verb: "create", group: "", resource: "namespaces" });
  return (
    <>
      <Guarded allowed={allowed} reason={reason}>
        <Button size="xs" variant="default" leftSection={<IconPlus size={14} />} disabled={!allowed} onClick={() => setOpen(true)}>
          {t("newNamespace.button")}
        </Button>
      </Guarded>
      {open && (
        <Suspense fallback={null}>
          <Dialog.View context={context} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
});
