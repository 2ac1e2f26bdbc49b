// A terminal in a window of its own (DESIGN §6): what the dock's "Own window" opens. The whole
// window is the terminal; it takes over the session the dock let go of (its token is in the
// address, good once), and Reconnect there starts a new one.
import { Group, Loader, Text } from "@mantine/core";
import { IconTerminal2 } from "@tabler/icons-react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import type { DetachedTerminalRoute } from "../../data/hash-route.ts";
import { lazyView } from "../../components/lazy-view.tsx";

// Its own way to the terminal's code, with a loader in the meantime: the window has nothing else.
const Terminal = lazyView(() => import("../../terminal/Terminal.tsx").then((m) => m.Terminal), <Loader size="sm" m="md" />);

export function DetachedTerminal({ route }: { route: DetachedTerminalRoute }) {
  const { t } = useTranslation();
  const name = `${route.pod} · ${route.container}`;
  useEffect(() => {
    document.title = `${route.mode === "attach" ? t("dock.attach") : t("dock.shell")} ${name} — ${route.context}`;
  }, [route, name, t]);
  return (
    <main style={{ height: "100vh", display: "flex", flexDirection: "column" }}>
      <Group gap="xs" px="sm" py={6} wrap="nowrap" style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}>
        <IconTerminal2 size={16} />
        <Text size="sm" fw={600}>
          {route.mode === "attach" ? t("dock.attach") : t("dock.shell")} {name}
        </Text>
        <Text size="xs" c="dimmed">
          {route.context} · {route.namespace}
        </Text>
      </Group>
      <div style={{ flex: 1, minHeight: 0 }}>
        <Terminal.View
          pod={{ context: route.context, group: "", version: "v1", resource: "pods", namespace: route.namespace, name: route.pod }}
          container={route.container}
          mode={route.mode}
          command={[]}
          visible
          resume={route.resume}
        />
      </div>
    </main>
  );
}
