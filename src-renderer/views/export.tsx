// Export to a file (`kubectl get -o yaml > file`): one object or a selection, read fresh from
// main, as YAML documents one after another, so the file can be applied again. Secret values
// never reach the renderer, so a Secret is exported without them (its `data` left out, and a
// comment saying so), never with emptied values that would blank the Secret if re-applied.
import { Button } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconDownload } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { stringify } from "yaml";
import type { ObjectRef } from "../../src-shared/api/refs.ts";
import { isSecret } from "../../src-shared/k8s/editable.ts";
import type { K8sObject } from "../../src-shared/kinds/types.ts";
import { getObject } from "../api/index.ts";
import { saveTextFile } from "../components/save-file.ts";

/** At most this many reads at once: a selection of 500 must not flood main. */
const parallel = 8;

export function exportText(objects: K8sObject[], secretNote: string): string {
  return objects
    .map((o) => {
      if (!isSecret(o)) return stringify(o, { lineWidth: 0 });
      const { data: _data, ...rest } = o;
      return `# ${secretNote}\n${stringify(rest, { lineWidth: 0 })}`;
    })
    .join("---\n");
}

export function ExportButton({ targets, fileName }: { targets: ObjectRef[]; fileName: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  async function run() {
    setBusy(true);
    try {
      const objects: K8sObject[] = new Array(targets.length);
      let next = 0;
      const worker = async () => {
        while (next < targets.length) {
          const i = next++;
          objects[i] = await getObject(targets[i]);
        }
      };
      await Promise.all(Array.from({ length: Math.min(parallel, targets.length) }, worker));
      saveTextFile(fileName, exportText(objects, t("export.secretNote")), "application/yaml");
    } catch (e) {
      const err = e as { message?: string; reason?: string };
      notifications.show({ color: "red", title: t("export.failed"), message: [err.message, err.reason].filter(Boolean).join(" — ") });
    } finally {
      setBusy(false);
    }
  }
  return (
    <Button size="xs" variant="default" leftSection={<IconDownload size={14} />} loading={busy} onClick={() => void run()}>
      {t("export.button")}
    </Button>
  );
}
