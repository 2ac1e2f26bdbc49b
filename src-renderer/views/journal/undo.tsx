// Undo from a notification (DESIGN §5): a change that succeeded says so with an Undo button,
// which reverts its change journal entry and says what that did, object by object.
import { Button, Group, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import type { RevertResult } from "../../../src-shared/api/types.ts";
import { revertChange } from "../../api/index.ts";
import { keys } from "../../data/keys.ts";

/** Reverts an entry; tells the result in a notification and refreshes what it touched. */
export async function revertAndTell(context: string, id: string, t: TFunction, client: QueryClient): Promise<RevertResult | undefined> {
  let result: RevertResult;
  try {
    result = await revertChange(context, id);
  } catch (e) {
    const err = e as { message?: string; reason?: string };
    notifications.show({ color: "red", title: t("journal.revertFailed"), message: [err.message, err.reason].filter(Boolean).join(" — ") });
    return undefined;
  } finally {
    void client.invalidateQueries({ queryKey: keys.journal(context) });
  }
  for (const o of result.outcomes) void client.invalidateQueries({ queryKey: keys.object(o.ref) });
  void client.invalidateQueries({ queryKey: keys.counts(context) });
  const failed = result.outcomes.filter((o) => !o.ok);
  if (failed.length)
    notifications.show({
      color: "orange",
      title: t("journal.revertPartly", { count: failed.length }),
      message: failed.map((o) => (o.ok ? "" : o.error.message)).join("\n"),
      autoClose: false,
    });
  else notifications.show({ color: "green", message: t("journal.reverted", { count: result.outcomes.length }) });
  return result;
}

/** The undo notice on screen: only the last change is offered (a pile of them would hold back errors queued behind). */
let lastNotice: string | undefined;

/** Shows a change's success with an Undo button (for as long as the notification stays), replacing the previous one. */
export function useUndoNotice(): (context: string, id: string, message: string) => void {
  const { t } = useTranslation();
  const client = useQueryClient();
  return useCallback(
    (context, id, message) => {
      void client.invalidateQueries({ queryKey: keys.journal(context) });
      const notice = `undo-${id}`;
      if (lastNotice) notifications.hide(lastNotice);
      lastNotice = notice;
      notifications.show({
        id: notice,
        color: "green",
        autoClose: 10_000,
        message: (
          <Group justify="space-between" wrap="nowrap" gap="sm">
            <Text size="sm">{message}</Text>
            <Button
              size="compact-xs"
              variant="light"
              onClick={() => {
                notifications.hide(notice);
                void revertAndTell(context, id, t, client);
              }}
            >
              {t("journal.undo")}
            </Button>
          </Group>
        ),
      });
    },
    [client, t],
  );
}
