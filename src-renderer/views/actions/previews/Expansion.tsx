// What growing a claim will do (the PVC chapter's expansion): what it has and asked for, whether
// its StorageClass lets it grow (the API server's admission refuses otherwise, and says only
// that), and what follows once accepted: the class's resizer grows the volume, and the kubelet
// may have to grow the filesystem while a pod mounts the claim.
import { Alert, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { ApiErrorShape } from "../../../../src-shared/api/errors.ts";
import { getStorage } from "../../../api/index.ts";
import { ErrorAlert } from "../../../components/ErrorAlert.tsx";
import { Reading, type PreviewProps } from "./shared.tsx";
import "../../../i18n/late.ts";

export function ExpansionPreview({ request }: PreviewProps) {
  const { t } = useTranslation();
  const claim = request.object;
  const storage = useQuery({ queryKey: ["storage.overview", request.context], queryFn: () => getStorage(request.context) });
  if (!claim) return null;
  if (storage.error) return <ErrorAlert error={storage.error as unknown as ApiErrorShape} title={t("claim.unreadable")} />;
  if (!storage.data) return <Reading />;
  const className: string = claim.spec?.storageClassName ?? "";
  const cls = storage.data.classes.find((c) => c.name === className);
  const has = claim.status?.capacity?.storage ?? "?";
  const asked = claim.spec?.resources?.requests?.storage ?? "?";
  return (
    <Stack gap={6} role="region" aria-label={t("expand.label")}>
      <Text size="sm">{has === asked ? t("expand.has", { has }) : t("expand.growing", { has, asked })}</Text>
      {cls?.allowVolumeExpansion ? (
        <Alert color="blue" p="xs" role="status">
          {t("expand.allowed", { class: className, provisioner: cls.provisioner })}
        </Alert>
      ) : (
        <Alert color="red" p="xs" role="status">
          {className ? t(cls ? "expand.refused" : "expand.noSuchClass", { class: className }) : t("expand.noClass")}
        </Alert>
      )}
    </Stack>
  );
}
