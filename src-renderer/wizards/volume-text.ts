// Why a volume would not bind a claim, in words: said of the volume (the claim wizard's table, a
// Pending claim's details) or of the claim (the volume wizard's table).
import type { TFunction } from "i18next";
import type { VolumeMismatch } from "../../src-shared/k8s/volume-binding.ts";
import "../i18n/late.ts";

export function mismatchText(t: TFunction, m: VolumeMismatch): string {
  switch (m.why) {
    case "claimed":
      return t("claim.why.claimed", { by: m.by });
    case "deleting":
      return t("claim.why.deleting");
    case "class":
      return t("claim.why.class", { has: m.has || t("claim.noClass") });
    case "volumeMode":
      return t("claim.why.volumeMode", { has: m.has });
    case "selector":
      return t("claim.why.selector");
    case "accessModes":
      return t("claim.why.accessModes", { missing: m.missing.join(", ") });
    case "tooSmall":
      return t("claim.why.tooSmall", { has: m.has, wanted: m.wanted });
  }
}

/** The same, said of a claim that would not take a new volume (the volume wizard's table). */
export function claimMismatchText(t: TFunction, m: VolumeMismatch): string {
  switch (m.why) {
    case "claimed":
    case "deleting":
      return mismatchText(t, m);
    case "class":
      return t("volumeNew.why.class", { wanted: m.wanted || t("claim.noClass") });
    case "volumeMode":
      return t("volumeNew.why.volumeMode", { wanted: m.wanted });
    case "selector":
      return t("volumeNew.why.selector");
    case "accessModes":
      return t("volumeNew.why.accessModes", { missing: m.missing.join(", ") });
    case "tooSmall":
      return t("volumeNew.why.tooSmall", { has: m.has, wanted: m.wanted });
  }
}
