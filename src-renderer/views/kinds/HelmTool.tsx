// The Releases list's "helm" button: which helm changes releases (its version, and where it
// was found), or why there is none and how to fix it; the path can be set here.
import { Button, Group, Menu, Popover, Stack, Text, TextInput } from "@mantine/core";
import { IconChevronDown, IconDatabase, IconFilePlus, IconPackage, IconTool } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { memo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ApiErrorShape } from "../../../src-shared/api/errors.ts";
import { getHelmBinary } from "../../api/index.ts";
import { lazyView } from "../../components/lazy-view.tsx";
import { keys } from "../../data/keys.ts";
import { useSettings, useUpdateSettings } from "../../data/settings.ts";
import type { ChartChoice } from "./helm-charts.tsx";
import "../../i18n/late.ts";

/** The Releases list's own buttons: install a chart, manage repositories, create a chart, and which helm. */
export const HelmListTools = memo(function HelmListTools({ context, namespace, settled = true }: { context: string; namespace?: string; settled?: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<"install" | "repos" | "create">();
  const [initial, setInitial] = useState<ChartChoice>();
  return (
    <>
      <Button size="xs" leftSection={<IconPackage size={14} />} onClick={() => (setInitial(undefined), setOpen("install"))}>
        {t("helmInstall.button")}
      </Button>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button size="xs" variant="default" rightSection={<IconChevronDown size={14} />}>
            {t("helmChart.menu")}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item leftSection={<IconDatabase size={14} />} onClick={() => setOpen("repos")}>
            {t("helmRepo.button")}
          </Menu.Item>
          <Menu.Item leftSection={<IconFilePlus size={14} />} onClick={() => setOpen("create")}>
            {t("helmCreate.button")}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <HelmTool settled={settled} />
      {open === "install" && <Install.View context={context} namespace={namespace} initial={initial} onClose={() => setOpen(undefined)} />}
      {open === "repos" && <Repos.View context={context} onClose={() => setOpen(undefined)} />}
      {open === "create" && (
        <Create.View
          context={context}
          onClose={() => setOpen(undefined)}
          onInstall={(c) => {
            setInitial(c);
            setOpen("install");
          }}
        />
      )}
    </>
  );
});

// The dialogs load with their own chunk (the list is in the first bundle, they are not).
const Install = lazyView(() => import("./helm-install.tsx").then((m) => m.InstallDialog));
const Repos = lazyView(() => import("./helm-charts.tsx").then((m) => m.HelmReposDialog));
const Create = lazyView(() => import("./helm-create.tsx").then((m) => m.CreateChartDialog));

const HelmTool = memo(function HelmTool({ settled }: { settled: boolean }) {
  const { t } = useTranslation();
  const settings = useSettings();
  const update = useUpdateSettings();
  const configured = settings?.helmPath ?? "";
  // Finding helm runs `helm version`, and starting a process stops main for as long as the
  // kernel takes to start it (15 and 84 ms in two profiles, two busy cores, main at 300 MB): asked while the
  // releases load, it held up their second page. It waits for the list, or for the button.
  const [opened, setOpened] = useState(false);
  const helm = useQuery({
    queryKey: keys.helmBinary(configured),
    queryFn: getHelmBinary,
    enabled: !!settings && (settled || opened),
    retry: false,
    staleTime: 60_000,
  });
  const [path, setPath] = useState<string>();
  const error = helm.error as unknown as ApiErrorShape | null;
  const label = helm.data ? `helm ${helm.data.version}` : error ? t("helm.noHelm") : "helm";
  return (
    <Popover position="bottom-end" width={420} withArrow shadow="md" trapFocus returnFocus onOpen={() => (setOpened(true), setPath(configured))}>
      <Popover.Target>
        <Button
          size="xs"
          variant="default"
          color={error ? "red" : undefined}
          leftSection={<IconTool size={14} />}
          data-helm={helm.data?.version ?? (error ? "none" : "")}
        >
          {label}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          {helm.data && (
            <Text size="sm">
              {t(`helm.found.${helm.data.source}`, { version: helm.data.version })}
              <Text span ff="monospace" size="xs" display="block">
                {helm.data.path}
              </Text>
            </Text>
          )}
          {error && (
            <Text size="sm" c="red">
              {error.message}
            </Text>
          )}
          <TextInput
            size="xs"
            label={t("helm.path")}
            description={t("helm.pathHint")}
            placeholder="/usr/local/bin/helm"
            value={path ?? configured}
            onChange={(e) => setPath(e.currentTarget.value)}
            error={update.error ? (update.error as unknown as ApiErrorShape).message : undefined}
          />
          <Group justify="flex-end" gap="xs">
            {configured && (
              <Button size="xs" variant="default" onClick={() => update.mutate({ helmPath: "" }, { onSuccess: () => setPath("") })}>
                {t("helm.pathDefault")}
              </Button>
            )}
            <Button size="xs" disabled={(path ?? configured) === configured} onClick={() => update.mutate({ helmPath: (path ?? "").trim() })}>
              {t("helm.pathSave")}
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
});
