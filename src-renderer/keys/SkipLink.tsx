// "Skip to content": the first stop of Tab, straight to the list's rows (or the main area),
// past the header and the contexts. A button, not a link: the address is the app's route.
import { useTranslation } from "react-i18next";
import classes from "./SkipLink.module.css";

export function SkipLink() {
  const { t } = useTranslation();
  const skip = () => {
    const target = document.querySelector<HTMLElement>("[role=grid]") ?? document.querySelector<HTMLElement>("main");
    if (!target) return;
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus();
  };
  return (
    <button type="button" className={classes.skip} onClick={skip}>
      {t("app.skip")}
    </button>
  );
}
