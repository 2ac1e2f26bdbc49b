// The PersistentVolumeClaims list's "New claim…" button; the wizard loads when first opened.
import { Button } from "@mantine/core";
import { IconDatabase } from "@tabler/icons-react";
import { memo, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { Guarded, useAllowed } from "../components/access.tsx";
import { lazyView } from "../components/lazy-view.tsx";

const Dialog = lazyView(() => import("./CreateClaim.tsx").then((m) => m.CreateClaimDialog));

export const NewClaimButton = memo(function NewClaimButton({ context, namespace }: { context: string; namespace?: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const { allowed, reason } = useAllowed(context, { verb: "create", group: "", resource: "persistentvolumeclaims", namespace: namespace ?? "default" });
  return (
    <>
      <Guarded allowed={allowed} reason={reason}>
        <Button size="xs" variant="default" leftSection={<IconDatabase size={14} />} disabled={!allowed} onClick={() => setOpen(true)}>
          {t("claimNew")}
        </Button>
      </Guarded>
      {open && (
        <Suspense fallback={null}>
          <Dialog.View context={context} namespace={namespace ?? "default"} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
});
