// The ConfigMaps and Secrets lists' "New ConfigMap…" / "New Secret…" button; the wizard (with the
// YAML library) loads when first opened.
import { Button } from "@mantine/core";
import { IconWand } from "@tabler/icons-react";
import { memo, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { Guarded, useAllowed } from "../../components/access.tsx";
import { lazyView } from "../../components/lazy-view.tsx";

const Dialog = lazyView(() => import("./CreateConfig.tsx").then((m) => m.CreateConfigDialog));

function button(kind: "ConfigMap" | "Secret") {
  return memo(function CreateConfigButton({ context, namespace }: { context: string; namespace?: string }) {
    const { t } = useTranslation();
    const [open, setOpen] = useState(false);
    const resource = kind === "Secret" ? "secrets" : "configmaps";
    const { allowed, reason } = useAllowed(context, { verb: "create", group: "", resource, namespace: namespace ?? "default" });
    return (
      <>
        <Guarded allowed={allowed} reason={reason}>
          <Button size="xs" variant="default" leftSection={<IconWand size={14} />} disabled={!allowed} onClick={() => setOpen(true)}>
            {t(kind === "Secret" ? "config.newSecret" : "config.newConfigMap")}
          </Button>
        </Guarded>
        {open && (
          <Suspense fallback={null}>
            <Dialog.View context={context} namespace={namespace ?? "default"} kind={kind} onClose={() => setOpen(false)} />
          </Suspense>
        )}
      </>
    );
  });
}

export const NewConfigMapButton = button("ConfigMap");
export const NewSecretButton = button("Secret");
