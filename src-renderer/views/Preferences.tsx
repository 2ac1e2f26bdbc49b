// Language and theme, in the header; both saved in settings.
import { Group, SegmentedControl, Select, useMantineColorScheme } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Settings } from "../../src-shared/api/types.ts";
import { useSettings, useUpdateSettings } from "../data/settings.ts";
import { changeLanguage, effectiveLanguage } from "../i18n/index.ts";

export function Preferences() {
  const { t } = useTranslation();
  const settings = useSettings();
  const update = useUpdateSettings();
  const { setColorScheme } = useMantineColorScheme();
  if (!settings) return null;
  return (
    <Group gap="xs" wrap="nowrap">
      <Select
        size="xs"
        w={130}
        aria-label={t("settings.language")}
        value={settings.language}
        allowDeselect={false}
        data={[
          { value: "system", label: t("settings.system") },
          { value: "en", label: "English" },
          { value: "zh-CN", label: "中文（简体）" },
        ]}
        onChange={(v) => {
          const language = (v ?? "system") as Settings["language"];
          update.mutate({ language });
          void changeLanguage(effectiveLanguage(language));
        }}
      />
      <SegmentedControl
        size="xs"
        aria-label={t("settings.theme")}
        value={settings.theme}
        data={(["light", "dark", "system"] as const).map((v) => ({ value: v, label: t(`settings.${v}`) }))}
        onChange={(v) => {
          const theme = v as Settings["theme"];
          update.mutate({ theme });
          setColorScheme(theme === "system" ? "auto" : theme);
        }}
      />
    </Group>
  );
}
