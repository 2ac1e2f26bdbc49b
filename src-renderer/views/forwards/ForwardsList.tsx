// The header's list of port-forwards (DESIGN §6), live from main: where to open each, the pod
// it reaches now, connections and bytes, the last failure, and Stop (which also forgets a
// forward main would otherwise start again when its context connects). Nothing while there are none.
import { ActionIcon, Anchor, Badge, Button, Popover, Table, Text, Tooltip } from "@mantine/core";
import { IconPlugConnectedX } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { ForwardInfo } from "../../../src-shared/api/types.ts";
import { stopForward, watchForwards } from "../../api/index.ts";
import { keys } from "../../data/keys.ts";
import { useStream } from "../../data/streams.ts";

const bytes = (n: number) => (n < 1024 ? `${n} B` : n < 1 << 20 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / (1 << 20)).toFixed(1)} MiB`);

function Row({ f }: { f: ForwardInfo }) {
  const { t } = useTranslation();
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm">
          {f.kind === "service" ? "svc" : "pod"}/{f.name}:{f.port}
        </Text>
        <Text size="xs" c="dimmed">
          {f.context} · {f.namespace}
          {f.pod ? ` · ${t("forwards.reaches", { pod: f.pod, port: f.targetPort })}` : ""}
        </Text>
        {f.error && (
          <Text size="xs" c="red">
            {f.error}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        {f.address ? (
          <Anchor href={f.address} target="_blank" rel="noopener noreferrer" size="sm">
            127.0.0.1:{f.localPort}
          </Anchor>
        ) : (
          // Remembered, but it could not listen again (the error above says why).
          <Text size="sm" c="dimmed" td="line-through" title={t("forwards.notListening")}>
            127.0.0.1:{f.localPort}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="xs">{t("forwards.traffic", { connections: f.connections, in: bytes(f.bytesIn), out: bytes(f.bytesOut) })}</Text>
      </Table.Td>
      <Table.Td>
        <Button
          size="compact-xs"
          variant="light"
          color="red"
          onClick={() => void stopForward(f.id)}
          aria-label={t("forwards.stopOne", { address: f.address || `127.0.0.1:${f.localPort}` })}
        >
          {t("forwards.stop")}
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}

/** The header's list of forwards; nothing while there are none. */
export function ForwardsButton() {
  const { t } = useTranslation();
  const list = useStream<ForwardInfo[]>(keys.forwards, (on) => watchForwards({}, on)) ?? [];
  if (!list.length) return null;
  return (
    <Popover position="bottom-end" width={640} withArrow shadow="md">
      <Popover.Target>
        <Tooltip label={t("forwards.list")}>
          <ActionIcon variant="light" size="lg" aria-label={t("forwards.list")} pos="relative">
            <IconPlugConnectedX size={18} />
            <Badge size="xs" circle pos="absolute" top={-4} right={-4}>
              {list.length}
            </Badge>
          </ActionIcon>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown>
        <Table aria-label={t("forwards.list")} verticalSpacing={4}>
          <Table.Tbody>
            {list.map((f) => (
              <Row key={f.id} f={f} />
            ))}
          </Table.Tbody>
        </Table>
      </Popover.Dropdown>
    </Popover>
  );
}
