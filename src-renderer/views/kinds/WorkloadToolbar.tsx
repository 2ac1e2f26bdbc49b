// A workload's logs, from its details panel: every pod its selector picks, merged in the dock
// (kubectl logs deploy/NAME reads one pod; this reads them all, as stern does).
import { Button } from "@mantine/core";
import { IconFileText } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { formatLabelSelector } from "../../../src-shared/kinds/format.ts";
import { Guarded, useAllowed } from "../../components/access.tsx";
import { navigate } from "../../data/hash-route.ts";
import { useDock } from "../dock/Dock.tsx";
import type { DetailsProps } from "./registry.tsx";

export function WorkloadToolbar({ target, kind, object }: DetailsProps) {
  const { t } = useTranslation();
  const dock = useDock();
  const selector = formatLabelSelector(object.spec?.selector);
  const { allowed, reason } = useAllowed(target.context, { verb: "get", group: "", resource: "pods", subresource: "log", namespace: target.namespace });
  if (!selector || !target.namespace) return null;
  return (
    <Guarded allowed={allowed} reason={reason}>
      <Button
        size="xs"
        variant="default"
        leftSection={<IconFileText size={14} />}
        disabled={!allowed}
        onClick={() => {
          dock.open({
            kind: "logs",
            source: { kind: "workload", context: target.context, namespace: target.namespace!, labelSelector: selector, name: `${kind.kind}/${target.name}` },
          });
          // The (modal) details panel closes, so that the log has the room.
          navigate({ context: target.context, list: { group: target.group, version: target.version, resource: target.resource } });
        }}
      >
        {t("actions.logs")}
      </Button>
    </Guarded>
  );
}
