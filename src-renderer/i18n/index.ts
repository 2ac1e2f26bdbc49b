// i18next with English bundled and Simplified Chinese fetched when first used (at start for a
// Chinese system or setting, or when chosen): only one language's strings load with the app.
// "system" follows the OS (navigator.language).
import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import type { Language, Settings } from "../../src-shared/api/types.ts";
import en from "./en.json" with { type: "json" };

const load: Record<Language, () => Promise<typeof en>> = {
  en: async () => en,
  "zh-CN": () => import("./zh-CN.json").then((m) => m.default as typeof en),
};

export function systemLanguage(locale = navigator.language): Language {
  return locale.toLowerCase().startsWith("zh") ? "zh-CN" : "en";
}

export const effectiveLanguage = (setting: Settings["language"]): Language => (setting === "system" ? systemLanguage() : setting);

export async function initI18n(language: Language) {
  return i18next.use(initReactI18next).init({
    resources: { [language]: { translation: await load[language]() } },
    lng: language,
    fallbackLng: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
}

/** Switches language, fetching its strings first if they have not come yet. */
export async function changeLanguage(language: Language) {
  // Late views' strings (late.ts) may be there alone: the language's own file is still needed.
  if (i18next.getResource(language, "translation", "app.title") === undefined)
    i18next.addResourceBundle(language, "translation", await load[language](), true, false);
  await i18next.changeLanguage(language);
}

export { i18next };
