import "@mantine/core/styles.css";
import "@mantine/notifications/styles.css";
import { MantineProvider, createTheme } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode, Suspense } from "react";
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

const theme = createTheme({ primaryColor: "indigo", defaultRadius: "md" });

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });
const settings = await getSettings();
queryClient.setQueryData(keys.settings, settings);
await initI18n(effectiveLanguage(settings.language));
document.documentElement.lang = effectiveLanguage(settings.language);

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <MantineProvider theme={theme} defaultColorScheme={settings.theme === "system" ? "auto" : settings.theme}>
        <Notifications />
        {detached ? (
          <Suspense fallback={null}>
            <Detached.View route={detached} />
          </Suspense>
        ) : (
          <App />
        )}
      </MantineProvider>
    </QueryClientProvider>
  </StrictMode>,
);
