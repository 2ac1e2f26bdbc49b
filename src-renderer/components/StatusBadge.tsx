import { Badge, Loader } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ConnectionState } from "../../src-shared/api/types.ts";

/** A connection's state in a word, colour-coded; "not connected" when there is none. */
export function StatusBadge({ state }: { state?: ConnectionState }) {
  const { t } = useTranslation();
  if (!state) return null;
  if (state.status === "connecting") {
    return (
      <Badge variant="light" color="blue" leftSection={<Loader size={10} />}>
        {t("connection.connecting")}
      </Badge>
    );
  }
  if (state.status === "connected")
    return (
      <Badge variant="light" color="green">
        {t("connection.connected")}
      </Badge>
    );
  return (
    <Badge variant="light" color="red">
      {t("connection.error")}
    </Badge>
  );
}
