// What the previews of the action dialog share: their props, the pods a node's previews weigh
// (read once per dialog), a reading indicator, and a list of pods that shows its first ones.
import { Badge, Group, List, Loader, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Pod } from "kubernetes-types/core/v1.js";
import { getPlacementPods } from "../../../api/index.ts";
import { keys } from "../../../data/keys.ts";
import type { ActionRequest } from "../runner.tsx";
import "../../../i18n/late.ts";

export interface PreviewProps {
  request: ActionRequest;
  /** The input as the table's schema parsed it; undefined while it does not fit. */
  input: unknown;
}

/** The pods on the node and the Pending ones, as this dialog read them when it opened. */
export function usePlacementPods(request: ActionRequest) {
  const target = request.targets[0];
  // Read once per dialog: pods come and go between two dialogs, and a preview must not show the earlier ones.
  const [opened] = useState(() => Date.now());
  return useQuery({
    queryKey: keys.placement(target, opened),
    enabled: request.targets.length === 1 && !!request.object,
    gcTime: 0,
    queryFn: () => getPlacementPods(target.context, target.name),
  });
}

export function Reading() {
  const { t } = useTranslation();
  return (
    <Group gap="xs">
      <Loader size="xs" />
      <Text size="sm">{t("impact.reading")}</Text>
    </Group>
  );
}

const podName = (p: Pod) => `${p.metadata?.namespace}/${p.metadata?.name}`;
// A big cluster may hold thousands of Pending pods: each list shows its first ones and the count.
const shown = 12;

export function PodList({ title, color, items, testId }: { title: string; color: string; items: { pod: Pod; detail?: string }[]; testId: string }) {
  const { t } = useTranslation();
  if (!items.length) return null;
  return (
    <Stack gap={4} aria-label={title} role="group" data-impact={testId}>
      <Group gap="xs">
        <Badge color={color} variant="light">
          {items.length}
        </Badge>
        <Text size="sm" fw={500}>
          {title}
        </Text>
      </Group>
      <List size="sm" spacing={2}>
        {items.slice(0, shown).map(({ pod, detail }) => (
          <List.Item key={pod.metadata?.uid ?? podName(pod)}>
            <Text span size="sm" ff="monospace">
              {podName(pod)}
            </Text>
            {detail && (
              <Text span size="sm" c="dimmed">
                {" — "}
                {detail}
              </Text>
            )}
          </List.Item>
        ))}
      </List>
      {items.length > shown && (
        <Text size="xs" c="dimmed">
          {t("impact.more", { count: items.length - shown })}
        </Text>
      )}
    </Stack>
  );
}
