// The clusters in use, side by side in the header: each with its state, one click away.
import { Button, Group, ScrollArea } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ConnectionState } from "../../src-shared/api/types.ts";

const dot: Record<ConnectionState["status"], string> = { connecting: "blue", connected: "green", error: "red" };

export function ClusterSwitcher({ connections, selected, onSelect }: { connections: ConnectionState[]; selected?: string; onSelect(c: string): void }) {
  const { t } = useTranslation();
  if (!connections.length) return null;
  return (
    <ScrollArea type="never">
      <Group gap={6} wrap="nowrap" role="tablist" aria-label={t("contexts.title")}>
        {connections.map((c) => (
          <Button
            key={c.context}
            role="tab"
            aria-selected={c.context === selected}
            size="compact-sm"
            variant={c.context === selected ? "filled" : "default"}
            onClick={() => onSelect(c.context)}
            leftSection={<span aria-hidden style={{ width: 8, height: 8, borderRadius: 4, background: `var(--mantine-color-${dot[c.status]}-6)` }} />}
          >
            {c.context}
          </Button>
        ))}
      </Group>
    </ScrollArea>
  );
}
