// A small dialog that checks the connection to main (src-renderer/data/connection-check.ts)
// and says what it measured: for a user whose terminal shows garbage, and for us. The header
// has its button; the dialog's code (and Mantine's dialog) arrives when it is first opened.
import { ActionIcon, Tooltip } from "@mantine/core";
import { IconPlugConnected } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { lazyView } from "../components/lazy-view.tsx";

const Dialog = lazyView(() => import("./ConnectionCheckDialog.tsx").then((m) => m.ConnectionCheckDialog));

export function ConnectionCheck() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Tooltip label={t("diagnostics.open")}>
        <ActionIcon variant="subtle" color="gray" aria-label={t("diagnostics.open")} onClick={() => setOpen(true)}>
          <IconPlugConnected size={18} />
        </ActionIcon>
      </Tooltip>
      {open && <Dialog.View onClose={() => setOpen(false)} />}
    </>
  );
}
