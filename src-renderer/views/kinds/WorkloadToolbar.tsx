// A workload's logs, from its details panel: every pod its selector picks, merged in the dock
// (kubectl logs deploy/NAME reads one pod; this reads them all, as stern does). Its key is a
// pod's log key (streamKeys.logs). And, but for a Job, "Expose…" (kubectl expose).
import { Button } from "@mantine/core";
import { IconFileText } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { streamKeys } from "../../../src-shared/kinds/action-keys.ts";
import { Guarded, useAllowed } from "../../components/access.tsx";
import { navigate } from "../../data/hash-route.ts";
import { useGuardedKey } from "../../keys/scoped-keys.ts";
import { useDock, workloadLogSession } from "../dock/Dock.tsx";
import { ExposeButton } from "../../wizards/ExposeButton.tsx";
import type { DetailsProps } from "./registry.tsx";

/** The kinds whose details show their pods' logs (registry.tsx), by resourceKey: a row of theirs has the log key too. */
export const workloadLogKinds = new Set(["apps/deployments", "apps/statefulsets", "apps/daemonsets", "apps/replicasets", "batch/jobs"]);

export function WorkloadToolbar({ target, kind, object }: DetailsProps) {
  const { t } = useTranslation();
  const dock = useDock();
  const session = workloadLogSession(target, kind.kind, object);
  const { allowed, reason } = useAllowed(target.context, { verb: "get", group: "", resource: "pods", subresource: "log", namespace: target.namespace });
  const open = () => {
    if (!session) return;
    dock.open(session);
    // The (modal) details panel closes, so that the log has the room.
    navigate({ context: target.context, list: { group: target.group, version: target.version, resource: target.resource } });
  };
  useGuardedKey("details", streamKeys.logs, { allowed, reason }, t("actions.logs"), open);
  // A Job's pods run to completion: nothing to serve, so no Expose.
  const exposable = kind.kind !== "Job";
  if (!session) return exposable ? <ExposeButton target={target} object={object} /> : null;
  return (
    <>
      <Guarded allowed={allowed} reason={reason} press={streamKeys.logs}>
        <Button size="xs" variant="default" leftSection={<IconFileText size={14} />} disabled={!allowed} onClick={open}>
          {t("actions.logs")}
        </Button>
      </Guarded>
      {exposable && <ExposeButton target={target} object={object} />}
    </>
  );
}
