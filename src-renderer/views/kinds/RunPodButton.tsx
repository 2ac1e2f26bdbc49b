// The Pods list's "Run a pod" button; its form (with the YAML library) loads when first opened.
import { Button } from "@mantine/core";
import { IconPlayerPlay } from "@tabler/icons-react";
import { memo, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { Guarded, useAllowed } from "../../components/access.tsx";
import { lazyView } from "../../components/lazy-view.tsx";

const Dialog = lazyView(() => import("./RunPod.tsx").then((m) => m.RunPodDialog));

export const RunPodButton = memo(function RunPodButton({ context, namespace }: { context: string; namespace?: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const { allowed, reason } = useAllowed(context, { verb: "create", group: "", resource: "pods", namespace: namespace ?? "default" });
  return (
    <>
      <Guarded allowed={allowed} reason={reason}>
        <Button size="xs" variant="default" leftSection={<IconPlayerPlay size={14} />} disabled={!allowed} onClick={() => setOpen(true)}>
          {t("run.button")}
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
