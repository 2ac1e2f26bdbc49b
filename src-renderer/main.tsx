import "@mantine/core/styles.css";
import "@mantine/notifications/styles.css";
import { MantineProvider, createTheme } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { getSettings } from "./api/index.ts";
import { App } from "./App.tsx";
import { keys } from "./data/keys.ts";
import { effectiveLanguage, initI18n } from "./i18n/index.ts";

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
        <App />
      </MantineProvider>
    </QueryClientProvider>
  </StrictMode>,
);
