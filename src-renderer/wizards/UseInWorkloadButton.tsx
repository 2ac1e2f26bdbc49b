// "Use in a workload…" on a ConfigMap's or a Secret's details, "Mount in a workload…" on a
// claim's: a menu of the workloads in its namespace; the one chosen opens the useConfig wizard
// with this source already picked.
import { Button, Menu } from "@mantine/core";
import { IconDatabase, IconKey } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import "../i18n/late.ts";
import { kinds } from "../../src-shared/kinds/registry.ts";
import { useRows } from "../data/rows.ts";
import { useRunAction } from "../views/actions/runner.tsx";
import type { DetailsProps } from "../views/kinds/registry.tsx";

// The kinds whose pod template a source can be put into, as the action table offers it.
const workloadKinds = kinds.filter((k) => k.capabilities?.includes("useConfig"));

export function UseInWorkloadButton({ target, object }: DetailsProps) {
  const { t } = useTranslation();
  const run = useRunAction();
  const namespace = target.namespace ?? "default";
  const queries = workloadKinds.map((k) => ({ context: target.context, group: k.group, version: k.version, resource: k.resource, namespace }));
  const { perQuery } = useRows(queries);
  const sourceKind = object.kind === "Secret" || object.kind === "PersistentVolumeClaim" ? object.kind : "ConfigMap";
  return (
    <Menu position="bottom-start" withinPortal>
      <Menu.Target>
        <Button size="xs" variant="default" leftSection={sourceKind === "PersistentVolumeClaim" ? <IconDatabase size={14} /> : <IconKey size={14} />}>
          {t(sourceKind === "PersistentVolumeClaim" ? "useConfig.mountButton" : "useConfig.button")}
        </Button>
      </Menu.Target>
      <Menu.Dropdown mah={360} style={{ overflowY: "auto" }}>
        {workloadKinds.map((k, i) =>
          (perQuery[i] ?? []).length ? (
            <div key={k.resource}>
              <Menu.Label>{k.kind}</Menu.Label>
              {perQuery[i].map((row) => (
                <Menu.Item
                  key={row.key}
                  onClick={() =>
                    run({
                      context: target.context,
                      kind: k,
                      action: "useConfig",
                      targets: [{ context: target.context, group: k.group, version: k.version, resource: k.resource, namespace, name: row.name }],
                      initial: { sourceKind, sourceName: target.name },
                    })
                  }
                >
                  {row.name}
                </Menu.Item>
              ))}
            </div>
          ) : null,
        )}
        {perQuery.every((rows) => !rows?.length) && <Menu.Item disabled>{t("useConfig.noWorkloads", { namespace })}</Menu.Item>}
      </Menu.Dropdown>
    </Menu>
  );
}
