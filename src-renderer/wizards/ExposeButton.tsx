// "Expose…" on the details of a Deployment, StatefulSet, DaemonSet, ReplicaSet or Pod (kubectl
// expose): asks the cluster first whether the user may create Services there (a forbidden one
// says what is missing), and loads the wizard when first opened.
import { Button } from "@mantine/core";
import { IconWorldShare } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import "../i18n/late.ts";
import { Guarded, useAllowed } from "../components/access.tsx";
import { lazyView } from "../components/lazy-view.tsx";
import type { DetailsProps } from "../views/kinds/registry.tsx";

const Wizard = lazyView(() => import("./ExposeWorkload.tsx").then((m) => m.ExposeDialog));

export function ExposeButton({ target, object }: Pick<DetailsProps, "target" | "object">) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const { allowed, reason } = useAllowed(target.context, { verb: "create", group: "", resource: "services", namespace: target.namespace ?? "default" });
  return (
    <>
      <Guarded allowed={allowed} reason={reason}>
        <Button size="xs" variant="default" leftSection={<IconWorldShare size={14} />} disabled={!allowed} onClick={() => setOpen(true)}>
          {t("expose.button")}
        </Button>
      </Guarded>
      {open && <Wizard.View target={target} object={object} onClose={() => setOpen(false)} />}
    </>
  );
}
