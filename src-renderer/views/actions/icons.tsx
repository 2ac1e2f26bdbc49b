// An icon per action; an action without one here gets the generic one.
import {
  IconAdjustments,
  IconArrowBackUp,
  IconArrowsMaximize,
  IconBan,
  IconBolt,
  IconBox,
  IconCircleCheck,
  IconDroplet,
  IconKey,
  IconLockOpen,
  IconLogout,
  IconMapPin,
  IconNote,
  IconPlayerPause,
  IconPlayerPlay,
  IconRefresh,
  IconResize,
  IconTag,
  IconTrash,
  IconTrashX,
} from "@tabler/icons-react";
import type { ReactNode } from "react";
import type { ActionId } from "../../../src-shared/kinds/actions.ts";

const icons: Partial<Record<ActionId, ReactNode>> = {
  label: <IconTag size={14} />,
  annotate: <IconNote size={14} />,
  scale: <IconResize size={14} />,
  restart: <IconRefresh size={14} />,
  trigger: <IconPlayerPlay size={14} />,
  delete: <IconTrash size={14} />,
  cordon: <IconBan size={14} />,
  uncordon: <IconCircleCheck size={14} />,
  setImage: <IconBox size={14} />,
  schedule: <IconMapPin size={14} />,
  useConfig: <IconKey size={14} />,
  editContainer: <IconAdjustments size={14} />,
  expand: <IconArrowsMaximize size={14} />,
  pause: <IconPlayerPause size={14} />,
  resume: <IconPlayerPlay size={14} />,
  rollback: <IconArrowBackUp size={14} />,
  suspend: <IconPlayerPause size={14} />,
  unsuspend: <IconPlayerPlay size={14} />,
  taint: <IconDroplet size={14} />,
  drain: <IconLogout size={14} />,
  forceDelete: <IconTrashX size={14} />,
  deleteAll: <IconTrashX size={14} />,
  removeFinalizers: <IconLockOpen size={14} />,
};

export const actionIcon = (id: ActionId): ReactNode => icons[id] ?? <IconBolt size={14} />;
