// A drain as it goes (the nodes.drain stream): each pod's state, the budget that blocks one,
// a count of what is done, and a way to stop what is left (the node stays cordoned).
import { Badge, Button, Group, Loader, Stack, Table, Text } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ApiErrorShape } from "../../../src-shared/api/errors.ts";
import type { DrainPodState } from "../../../src-shared/k8s/drain.ts";
import { subscribeDrain, type Subscription } from "../../api/index.ts";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { keys } from "../../data/keys.ts";
import type { ActionRequest } from "./runner.tsx";

const color: Record<DrainPodState["state"], string> = {
  waiting: "gray",
  evicting: "blue",
  blocked: "orange",
  terminating: "blue",
  evicted: "green",
  failed: "red",
  skipped: "gray",
  timedOut: "red",
};

export interface DrainInput {
  ignoreDaemonSets: boolean;
  deleteEmptyDirData: boolean;
  force: boolean;
  gracePeriodSeconds: number;
  timeoutSeconds: number;
}

export function DrainProgress({ request, input, onClose }: { request: ActionRequest; input: DrainInput; onClose(): void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [pods, setPods] = useState<DrainPodState[]>();
  const [result, setResult] = useState<{ evicted: number; remaining: number } | "cancelled">();
  const [error, setError] = useState<ApiErrorShape>();
  const subscription = useRef<Subscription<"nodes.drain">>(undefined);
  const target = request.targets[0];

  useEffect(() => {
    const s = subscribeDrain(
      { context: target.context, node: target.name, ...input },
      {
        onEvent: (e) => setPods(e.pods),
        onEnd: (r) => setResult(r),
        onError: (e) => setError(e.toJSON()),
      },
    );
    subscription.current = s;
    return () => s.stop();
  }, [target, input]);
  // The node is cordoned and its pods go: what shows them is read again.
  useEffect(() => {
    if (pods) void client.invalidateQueries({ queryKey: keys.object(target) });
  }, [client, target, pods?.length]); // eslint-disable-line react-hooks/exhaustive-deps

  const running = !result && !error;
  const evictable = (pods ?? []).filter((p) => p.state !== "skipped");
  const evicted = evictable.filter((p) => p.state === "evicted").length;
  return (
    <Stack aria-label={t("drain.progress")} role="region">
      {error && <ErrorAlert error={error} title={t("drain.failed", { name: target.name })} />}
      {!error && (
        <Group gap="xs">
          {running && <Loader size="xs" />}
          <Text size="sm" role="status">
            {result === "cancelled"
              ? t("drain.cancelled", { evicted, count: evictable.length })
              : result
                ? result.remaining
                  ? t("drain.incomplete", { evicted: result.evicted, remaining: result.remaining })
                  : t("drain.done", { name: target.name, count: result.evicted })
                : pods
                  ? t("drain.running", { evicted, count: evictable.length })
                  : t("drain.starting")}
          </Text>
        </Group>
      )}
      {pods && pods.length > 0 && (
        <Table withTableBorder striped aria-label={t("drain.pods")}>
          <Table.Tbody>
            {pods.map((p) => (
              <Table.Tr key={`${p.namespace}/${p.name}`} aria-label={`${p.namespace}/${p.name}`}>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {p.namespace}/{p.name}
                  </Text>
                  {p.message && (
                    <Text size="xs" c={p.state === "skipped" ? "dimmed" : color[p.state]}>
                      {p.message}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td w={130}>
                  <Badge color={color[p.state]} variant="light" data-drain-state={p.state}>
                    {t(`drain.state.${p.state}`)}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Group justify="flex-end">
        {running ? (
          <Button
            color="red"
            variant="light"
            onClick={() => {
              subscription.current?.stop();
              setResult("cancelled");
            }}
          >
            {t("drain.cancel")}
          </Button>
        ) : (
          <Button onClick={onClose}>{t("drain.close")}</Button>
        )}
      </Group>
    </Stack>
  );
}
