// The sheet of every key (`?`): the app's keys, then the rows' and the actions'. Loaded when first opened (AppKeys).
import { Kbd, Modal, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { actionKeys, editKey, streamKeys } from "../../src-shared/kinds/action-keys.ts";
import { keyBindings, type KeyBinding } from "../../src-shared/kinds/app-keys.ts";
import { keyWhat, KeysOf } from "./AppKeys.tsx";

/** The table's own keys (VirtualTable) and the details panel's, beside the actions' (actionKeys). */
const objectKeys: [string, string][] = [
  ["↑ ↓", "keys.help.move"],
  ["Enter", "keys.help.open"],
  ["Space", "keys.help.select"],
  ["Shift+↓", "keys.help.selectMore"],
  [editKey, "editor.edit"],
  [streamKeys.exec, "actions.exec"],
  [streamKeys.attach, "dock.attach"],
  [streamKeys.logs, "actions.logs"],
  [streamKeys.portForward, "actions.portForward"],
];

export function KeySheet({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const what = (b: KeyBinding) => keyWhat(t, b);
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
