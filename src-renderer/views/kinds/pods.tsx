// Pods in the details panel: a mirror-pod badge, the node as a link, and what
// `kubectl describe pod` tells about its containers.
import { Anchor, Badge, Table } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { isMirrorPod } from "../../../src-shared/k8s/pod-details.ts";
import { navigate } from "../../data/hash-route.ts";
import { PodSection } from "./PodSection.tsx";
import { PodUsage } from "./pod-usage.tsx";
import { PodToolbar } from "./PodToolbar.tsx";
import { PodProblems } from "./PodProblems.tsx";
import type { DetailsProps, KindView } from "./registry.tsx";

function MirrorBadge({ object }: DetailsProps) {
  const { t } = useTranslation();
  if (!isMirrorPod(object)) return null;
  return (
    <Badge color="grape" variant="light">
      {t("details.mirrorPod")}
    </Badge>
  );
}

function NodeRow({ target, object }: DetailsProps) {
  const { t } = useTranslation();
  const nodeName: string | undefined = object.spec?.nodeName;
  if (!nodeName) return null;
  return (
    <Table.Tr>
      <Table.Th>{t("pod.node")}</Table.Th>
      <Table.Td>
        <Anchor
          component="button"
          size="sm"
          onClick={() => navigate({ context: target.context, list: { group: "", version: "v1", resource: "nodes" }, object: { name: nodeName } })}
        >
          {nodeName}
        </Anchor>
      </Table.Td>
    </Table.Tr>
  );
}

const Containers = ({ object }: DetailsProps) => <PodSection pod={object} />;

export const podView: KindView = { Badges: MirrorBadge, Notices: PodProblems, OverviewRows: NodeRow, sections: [PodUsage, Containers], Toolbar: PodToolbar };
