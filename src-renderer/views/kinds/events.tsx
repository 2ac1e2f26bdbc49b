// The cluster's Events list: newest first, warnings marked, and filters by reason and by object.
import { Select, TextInput } from "@mantine/core";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ResourceRow } from "../../../src-shared/api/types.ts";
import type { KindDescriptor } from "../../../src-shared/kinds/types.ts";
import type { ListView, RowFilter } from "./list-views.ts";

const column = (kind: KindDescriptor, name: string) => kind.columns.findIndex((c) => c.name === name);

function EventFilters({ rows, kind, onWhere }: { rows: ResourceRow[]; kind: KindDescriptor; onWhere(where: RowFilter | undefined): void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState<string | null>(null);
  const [object, setObject] = useState("");
  const reasonCol = column(kind, "REASON");
  const objectCol = column(kind, "OBJECT");
  const reasons = useMemo(() => [...new Set(rows.map((r) => r.cells[reasonCol]))].sort(), [rows, reasonCol]);
  useEffect(() => {
    const needle = object.toLowerCase();
    onWhere(reason || needle ? (r) => (!reason || r.cells[reasonCol] === reason) && (!needle || r.cells[objectCol].toLowerCase().includes(needle)) : undefined);
  }, [reason, object, reasonCol, objectCol, onWhere]);
  return (
    <>
      <Select
        aria-label={t("events.reason")}
        placeholder={t("events.reason")}
        data={reasons}
        value={reason}
        onChange={setReason}
        clearable
        searchable
        size="xs"
        w={180}
      />
      <TextInput
        aria-label={t("events.object")}
        placeholder={t("events.object")}
        value={object}
        onChange={(e) => setObject(e.currentTarget.value)}
        size="xs"
        w={180}
      />
    </>
  );
}

export const eventList: ListView = {
  defaultSort: { column: "LAST SEEN", desc: false },
  Filters: EventFilters,
  tone: (kind) => {
    const type = column(kind, "TYPE");
    return type >= 0 ? (r) => (r.cells[type] === "Warning" ? "warning" : undefined) : undefined;
  },
};
