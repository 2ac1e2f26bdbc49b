import "@mantine/core/styles.css";
import "@mantine/notifications/styles.css";
import "./readable.css";
import { MantineProvider, createTheme, type CSSVariablesResolver } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { getSettings } from "./api/index.ts";
import { App } from "./App.tsx";
import { lazyView } from "./components/lazy-view.tsx";
import { parseRoute } from "./data/hash-route.ts";
import { keys } from "./data/keys.ts";
import { effectiveLanguage, initI18n } from "./i18n/index.ts";

// A window opened for one terminal (the dock's "Own window") shows only that terminal.
const detached = parseRoute(location.hash).terminal;
const Detached = lazyView(() => import("./views/dock/DetachedTerminal.tsx").then((m) => m.DetachedTerminal));

// Text must stay readable (WCAG AA, 4.5:1, checked by the accessibility scan): white on the
// filled primary needs its 7th shade in light; "dimmed" text and the colours of states
// (list-columns.tsx) are darker in light and lighter in dark than Mantine's defaults.
const theme = createTheme({ primaryColor: "indigo", primaryShade: { light: 7, dark: 8 }, defaultRadius: "md" });
const readableColors: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    "--mantine-color-dimmed": "#5c636a",
    "--kd-state-good": "#237a35",
    "--kd-state-waiting": "#8f5600",
    "--kd-state-bad": "#c92a2a",
    // Text in a colour (c="green") and light badges, darker than Mantine's so they read on white and on their tints.
    "--mantine-color-green-text": "#237a35",
    "--mantine-color-red-text": "#c92a2a",
    "--mantine-color-green-light-color": "#1e6b30",
    "--mantine-color-yellow-light-color": "#7a4a00",
    "--mantine-color-orange-light-color": "#9a3b07",
    "--mantine-color-red-light-color": "#a51d1d",
    "--mantine-color-teal-light-color": "#0b6b52",
  },
  dark: {
    "--mantine-color-dimmed": "#b8b8b8",
    "--kd-state-good": "#69db7c",
    "--kd-state-waiting": "#ffd43b",
    "--kd-state-bad": "#ff8787",
  },
});

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });
const settings = await getSettings();
queryClient.setQueryData(keys.settings, settings);
await initI18n(effectiveLanguage(settings.language));
document.documentElement.lang = effectiveLanguage(settings.language);

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <MantineProvider theme={theme} cssVariablesResolver={readableColors} defaultColorScheme={settings.theme === "system" ? "auto" : settings.theme}>
        <Notifications />
        {detached ? <Detached.View route={detached} /> : <App />}
      </MantineProvider>
    </QueryClientProvider>
  </StrictMode>,
);
