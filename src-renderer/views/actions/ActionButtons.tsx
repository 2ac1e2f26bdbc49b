// The actions of one open object, or of a list's selection, as buttons: every action the
// kind offers (the table decides), enabled when the cluster allows it, else disabled and
// naming the missing permission.
import { Button, Group, Tooltip } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ObjectRef } from "../../../src-shared/api/refs.ts";
import type { ActOutcome } from "../../../src-shared/api/types.ts";
import { actions } from "../../../src-shared/kinds/actions.ts";
import type { K8sObject, KindDescriptor } from "../../../src-shared/kinds/types.ts";
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
}

export function ActionButtons({ context, kind, targets, object, onDone }: Props) {
  const { t } = useTranslation();
  const run = useRunAction();
  const { offers } = useActionOffers(context, kind, targets, object);
  const single = targets.length === 1 && !!object;
  const shown = single ? offers : offers.filter((o) => actions[o.id].bulk);
  if (!shown.length) return null;
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
            onClick={() => run({ context, kind, action: o.id, targets, object, onDone: (outcomes) => onDone?.(outcomes, o.id) })}
          >
            {label}
          </Button>
        );
        if (o.allowed || o.checking) return button;
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
}
