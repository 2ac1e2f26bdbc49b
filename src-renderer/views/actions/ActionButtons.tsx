// The actions of one open object, or of a list's selection, as buttons: every action the
// kind offers (the table decides), enabled when the cluster allows it, else disabled and
// naming the missing permission. Each action's key (actionKeys) does what its button does;
// on a forbidden one it names the missing permission.
import { Button, Group, Tooltip } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { memo } from "react";
import { useTranslation } from "react-i18next";
import type { ObjectRef } from "../../../src-shared/api/refs.ts";
import type { ActOutcome } from "../../../src-shared/api/types.ts";
import { actionKeys } from "../../../src-shared/kinds/action-keys.ts";
import { actions, type ActionId } from "../../../src-shared/kinds/actions.ts";
import type { K8sObject, KindDescriptor } from "../../../src-shared/kinds/types.ts";
import { keyText } from "../../keys/keymap.ts";
import { useScopedKeys, type KeyLayer } from "../../keys/scoped-keys.ts";
import { actionIcon } from "./icons.tsx";
import { useActionOffers } from "./offers.ts";
import { useRunAction } from "./runner.tsx";

interface Props {
  context: string;
  kind: KindDescriptor;
  targets: ObjectRef[];
  /** The open object (one target). */
  object?: K8sObject;
  onDone?(outcomes: ActOutcome[], action: string): void;
  /** Where the actions' keys are heard: the details panel's over the list's. */
  keysLayer: KeyLayer;
  /** Only keys, no buttons (the list's focused row). */
  keysOnly?: boolean;
  /** The keys are heard only while this holds. */
  keysWhen?(): boolean;
}

// Memoized: a list's focused row keeps its keys here, and the list draws again at every batch of rows.
export const ActionButtons = memo(function ActionButtons({ context, kind, targets, object, onDone, keysLayer, keysOnly, keysWhen }: Props) {
  const { t } = useTranslation();
  const run = useRunAction();
  const { offers } = useActionOffers(context, kind, targets, object);
  const single = targets.length === 1 && !!object;
  const shown = single ? offers : offers.filter((o) => actions[o.id].bulk);
  const start = (id: ActionId) => run({ context, kind, action: id, targets, object, onDone: (outcomes) => onDone?.(outcomes, id) });
  const keyed: Record<string, () => void> = {};
  for (const o of shown) {
    const key = actionKeys[o.id];
    if (!key || key in keyed) continue;
    keyed[key] = () =>
      o.allowed
        ? start(o.id)
        : notifications.show({
            color: "red",
            title: t(`actions.${o.id}`),
            message: o.checking ? t("actions.checking") : t("actions.forbidden", { need: o.reason }),
          });
  }
  useScopedKeys(keysLayer, keyed, keysWhen);
  if (!shown.length || keysOnly) return null;
  return (
    <Group gap="xs">
      {shown.map((o) => {
        // A selection's buttons sit in a toolbar that says how many are selected.
        const label = t(`actions.${o.id}`);
        const destructive = actions[o.id].destructive;
        const button = (
          <Button
            key={o.id}
            size="xs"
            variant={destructive ? "light" : "default"}
            color={destructive ? "red" : undefined}
            leftSection={actionIcon(o.id)}
            disabled={!o.allowed}
            onClick={() => start(o.id)}
          >
            {label}
          </Button>
        );
        const key = actionKeys[o.id];
        if (o.allowed || o.checking)
          return key ? (
            <Tooltip key={o.id} label={t("keys.press", { key: keyText(key) })} withArrow openDelay={400}>
              {button}
            </Tooltip>
          ) : (
            button
          );
        const why = t("actions.forbidden", { need: o.reason });
        return (
          <Tooltip key={o.id} label={why} multiline w={300} withArrow>
            <span role="note" aria-label={`${label}: ${why}`}>
              {button}
            </span>
          </Tooltip>
        );
      })}
    </Group>
  );
});
