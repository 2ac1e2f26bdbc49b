// What deleting a namespace (or everything kubectl's "all" holds in it) takes with it.
import { Alert, Badge, Group, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { ApiErrorShape } from "../../../../src-shared/api/errors.ts";
import { allCategory } from "../../../../src-shared/kinds/actions.ts";
import { countResources } from "../../../api/index.ts";
import { resourceKey } from "../../../../src-shared/api/refs.ts";
import { useDiscovery } from "../../../data/discovery.ts";
import { kindLabel } from "../../ResourceNav.tsx";
import { ErrorAlert } from "../../../components/ErrorAlert.tsx";
import { keys } from "../../../data/keys.ts";
import { Reading, type PreviewProps } from "./shared.tsx";
import "../../../i18n/late.ts";

/** What deleting a namespace deletes with it: how many objects of each kind it holds now. */
export function NamespaceContents({ request }: PreviewProps) {
  const { t } = useTranslation();
  const { context, targets } = request;
  const namespace = targets[0].name;
  const discovery = useDiscovery(context, targets.length === 1);
  // Events go with the namespace too, but they are its history, not its contents. "Delete all" takes kubectl's "all" kinds only.
  const all = request.action === "deleteAll";
  const kinds = (discovery?.resources ?? [])
    .filter((r) => r.namespaced && r.verbs.includes("list") && r.resource !== "events")
    .filter((r) => !all || allCategory.some((k) => k.group === r.group && k.resource === r.resource))
    .slice(0, 500);
  const counts = useQuery({
    queryKey: keys.counts(context, "contents", namespace, kinds.map(resourceKey)),
    enabled: targets.length === 1 && kinds.length > 0,
    queryFn: () => countResources({ context, resources: kinds.map(({ group, version, resource }) => ({ group, version, resource })), namespaces: [namespace] }),
  });
  if (targets.length !== 1) return null;
  if (counts.error) return <ErrorAlert error={counts.error as unknown as ApiErrorShape} title={t("impact.failed")} />;
  if (!counts.data) return <Reading />;
  const held = kinds.map((k, i) => ({ k, n: counts.data[i] })).filter(({ n }) => n !== null && n > 0);
  const unreadable = counts.data.filter((n) => n === null).length;
  return (
    <Alert
      variant="light"
      color="red"
      title={t(all ? "impact.allContents" : "impact.contents", { namespace })}
      aria-label={t(all ? "impact.allContents" : "impact.contents", { namespace })}
    >
      <Stack gap={4}>
        {held.length ? (
          <Group gap={6} role="list">
            {held.map(({ k, n }) => (
              <Badge key={resourceKey(k)} variant="light" color="red" tt="none" role="listitem">
                {kindLabel(t, k)}: {n}
              </Badge>
            ))}
          </Group>
        ) : (
          <Text size="sm">{t("impact.empty")}</Text>
        )}
        {unreadable > 0 && (
          <Text size="xs" c="dimmed">
            {t("impact.unreadable", { count: unreadable })}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}
