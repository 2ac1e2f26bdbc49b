// The app-wide keys of keymap.ts, live: one keydown listener on the window. It steps aside while
// the user types (a field, the YAML editor, a terminal) and while a dialog asks something; Esc
// is the dialogs' and panels' own. `?` opens the sheet of every key.
import { Kbd, Modal, Table, Text } from "@mantine/core";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { actionKeys } from "../../src-shared/kinds/action-keys.ts";
import { navigate, parseRoute } from "../data/hash-route.ts";
import { appPress, keyBindings, sequenceMatcher, type KeyBinding } from "./keymap.ts";

interface Props {
  /** The context shown now. */
  selected?: string;
  /** Connected contexts, in the switcher's order: `[` and `]` move between them. */
  connected: string[];
  onSelect(context: string): void;
}

export function AppKeys({ selected, connected, onSelect }: Props) {
  const [sheet, setSheet] = useState(false);
  // The handler is added once; what it acts on is read from here.
  const latest = useRef({ selected, connected, onSelect });
  latest.current = { selected, connected, onSelect };

  useEffect(() => {
    const matcher = sequenceMatcher();
    const onKey = (e: KeyboardEvent) => {
      const name = appPress(e);
      if (!name) return;
      const hit = matcher.press(name, e.timeStamp || Date.now());
      if (hit === "pending") return e.preventDefault();
      if (!hit || hit.command.type === "palette") return;
      e.preventDefault();
      run(hit);
    };
    const run = (b: KeyBinding) => {
      const { connected: list, onSelect: select } = latest.current;
      // The address, not the last render: a second press may come before the first one's redraw.
      const context = parseRoute(location.hash).context ?? latest.current.selected;
      const c = b.command;
      if (c.type === "help") return setSheet(true);
      if (c.type === "filter") return document.querySelector<HTMLInputElement>('[data-keys="filter"]')?.focus();
      if (c.type === "cluster") {
        if (!list.length) return;
        const at = context ? list.indexOf(context) : -1;
        return select(list[(at + c.step + list.length) % list.length]);
      }
      if (c.type !== "go" || !context) return;
      navigate(c.to === "overview" ? { context } : { context, list: c.to });
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  return sheet ? <KeySheet onClose={() => setSheet(false)} /> : null;
}

/** A binding's keys as they are pressed: `g` `p`, Ctrl `K`. */
export function KeysOf({ keys }: { keys: string }) {
  const mac = /Mac/.test(navigator.platform);
  return (
    <>
      {keys.split(" ").map((k, i) => (
        <span key={i}>
          {i > 0 && " "}
          {k.startsWith("mod+") ? (
            <>
              <Kbd size="xs">{mac ? "⌘" : "Ctrl"}</Kbd> + <Kbd size="xs">{k.slice(4).toUpperCase()}</Kbd>
            </>
          ) : (
            <Kbd size="xs">{k.length === 1 && k !== k.toLowerCase() ? `Shift+${k}` : k}</Kbd>
          )}
        </span>
      ))}
    </>
  );
}

/** The table's own keys (VirtualTable) and the details panel's, beside the actions' (actionKeys). */
const objectKeys: [string, string][] = [
  ["↑ ↓", "keys.help.move"],
  ["Enter", "keys.help.open"],
  ["Space", "keys.help.select"],
  ["Shift+↓", "keys.help.selectMore"],
  ["e", "editor.edit"],
];

function KeySheet({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const what = (b: KeyBinding) =>
    b.command.type === "go"
      ? t("keys.go", { what: b.command.to === "overview" ? t("nav.overview") : t(`kinds.${b.command.to.resource}`) })
      : t(`keys.help.${b.id}`);
  return (
    <Modal opened onClose={onClose} title={t("keys.title")} size="lg" centered>
      <Table aria-label={t("keys.title")} verticalSpacing={4}>
        <Table.Tbody>
          {keyBindings.map((b) => (
            <Table.Tr key={b.id}>
              <Table.Td w={140}>
                <KeysOf keys={b.keys} />
              </Table.Td>
              <Table.Td>{what(b)}</Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Td>
              <Kbd size="xs">Esc</Kbd>
            </Table.Td>
            <Table.Td>{t("keys.help.escape")}</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      <Text fw={600} size="sm" mt="md" mb={4}>
        {t("keys.objects")}
      </Text>
      <Table aria-label={t("keys.objects")} verticalSpacing={4}>
        <Table.Tbody>
          {objectKeys.map(([keys, what]) => (
            <Table.Tr key={keys}>
              <Table.Td w={140}>
                <KeysOf keys={keys} />
              </Table.Td>
              <Table.Td>{t(what)}</Table.Td>
            </Table.Tr>
          ))}
          {Object.entries(actionKeys).map(([id, keys]) => (
            <Table.Tr key={id}>
              <Table.Td w={140}>
                <KeysOf keys={keys} />
              </Table.Td>
              <Table.Td>{t(`actions.${id}`)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Modal>
  );
}
