// i18next with both languages bundled. "system" follows the OS (navigator.language).
import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import type { Language, Settings } from "../../src-shared/api/types.ts";
import en from "./en.json" with { type: "json" };
import zhCN from "./zh-CN.json" with { type: "json" };

export const resources = { en: { translation: en }, "zh-CN": { translation: zhCN } } as const;

export function systemLanguage(locale = navigator.language): Language {
  return locale.toLowerCase().startsWith("zh") ? "zh-CN" : "en";
}

export const effectiveLanguage = (setting: Settings["language"]): Language => (setting === "system" ? systemLanguage() : setting);

export function initI18n(language: Language) {
  return i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
}

export { i18next };
