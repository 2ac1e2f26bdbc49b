// The scheduling wizard's steps: nodes (nodeName, nodeSelector, required and preferred node
// affinity), other pods (affinity and anti-affinity), taints (tolerations offered from the taints
// the cluster's nodes carry) and spread. Each edits its part of the form; keys and values are
// offered from the labels the cluster's nodes have. What each choice means is said beside it.
import { ActionIcon, Autocomplete, Badge, Button, Card, Group, NumberInput, SegmentedControl, Select, Stack, Text, TextInput } from "@mantine/core";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import type { Taint } from "kubernetes-types/core/v1.js";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Prediction } from "../../src-shared/k8s/placement-predict.ts";
import {
  nodeOperators,
  selectorOperators,
  taintEffects,
  type Expression,
  type FormProblem,
  type NodeTerm,
  type PodRule,
  type SchedulingForm,
  type SelectorRow,
  type SpreadRow,
  type TolerationRow,
} from "../../src-shared/k8s/scheduling-form.ts";
import { tolerates } from "../../src-shared/k8s/scheduling.ts";
import { ruleMessage } from "../i18n/rules.ts";

export interface StepProps {
  form: SchedulingForm;
  set(change: Partial<SchedulingForm>): void;
  problem?: FormProblem;
  /** The last prediction: the nodes' labels and taints to offer, and the pod rules' matching counts. */
  prediction?: Prediction;
  namespace: string;
  /** The template's own labels (a selector can start from them). */
  ownLabels: Record<string, string>;
}

/** Every node label key, and each key's values, as the cluster's nodes have them. */
export function nodeLabelValues(prediction: Prediction | undefined): Map<string, string[]> {
  const m = new Map<string, Set<string>>();
  for (const n of prediction?.nodes ?? []) for (const [k, v] of Object.entries(n.labels)) m.set(k, (m.get(k) ?? new Set()).add(v));
  return new Map([...m].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, [...v].sort()]));
}

const replace = <T,>(list: T[], i: number, change: Partial<T>) => list.map((x, j) => (j === i ? { ...x, ...change } : x));
const drop = <T,>(list: T[], i: number) => list.filter((_, j) => j !== i);

function useProblemText() {
  const { t } = useTranslation();
  return (p: FormProblem | undefined, section: FormProblem["section"], item: number, row?: number) =>
    p && p.section === section && p.item === item && (row === undefined ? p.row === undefined : p.row === row) ? ruleMessage(t, p.rule) : undefined;
}

function About({ children }: { children: ReactNode }) {
  return (
    <Text size="sm" c="dimmed">
      {children}
    </Text>
  );
}

function AddButton({ label, onClick }: { label: string; onClick(): void }) {
  return (
    <Button size="compact-xs" variant="default" leftSection={<IconPlus size={12} />} onClick={onClick} w="fit-content">
      {label}
    </Button>
  );
}

function RemoveButton({ label, onClick }: { label: string; onClick(): void }) {
  return (
    <ActionIcon variant="subtle" color="gray" aria-label={label} onClick={onClick} mt={4}>
      <IconTrash size={14} />
    </ActionIcon>
  );
}

/** One expression row (a node term's, or a label selector's): key, operator, values. */
function ExpressionRow<E extends Expression | SelectorRow>({
  e,
  operators,
  keys,
  onChange,
  onRemove,
  error,
  label,
}: {
  e: E;
  operators: readonly string[];
  keys: Map<string, string[]>;
  onChange(change: Partial<E>): void;
  onRemove(): void;
  error?: string;
  label: string;
}) {
  const { t } = useTranslation();
  const present = keys.get(e.key);
  const noValues = e.operator === "Exists" || e.operator === "DoesNotExist";
  return (
    <Group align="flex-start" gap="xs" wrap="nowrap" role="group" aria-label={label}>
      <Autocomplete
        aria-label={t("scheduling.key")}
        placeholder={t("scheduling.key")}
        data={[...keys.keys()]}
        value={e.key}
        onChange={(key) => onChange({ key } as Partial<E>)}
        w={240}
        error={error}
      />
      <Select
        aria-label={t("scheduling.operator")}
        data={[...operators]}
        value={e.operator}
        onChange={(v) => v && onChange({ operator: v, ...(v === "Exists" || v === "DoesNotExist" ? { values: "" } : {}) } as Partial<E>)}
        allowDeselect={false}
        w={130}
      />
      {!noValues &&
        (e.operator === "=" ? (
          <Autocomplete
            aria-label={t("scheduling.value")}
            placeholder={t("scheduling.value")}
            data={present ?? []}
            value={e.values}
            onChange={(values) => onChange({ values } as Partial<E>)}
            style={{ flex: 1 }}
          />
        ) : (
          <TextInput
            aria-label={t("scheduling.values")}
            placeholder={t("scheduling.valuesHint")}
            description={present?.length ? t("scheduling.onNodes", { values: present.slice(0, 8).join(", ") }) : undefined}
            value={e.values}
            onChange={(ev) => onChange({ values: ev.currentTarget.value } as Partial<E>)}
            style={{ flex: 1 }}
          />
        ))}
      <RemoveButton label={t("scheduling.remove")} onClick={onRemove} />
    </Group>
  );
}

/** A node selector term's expressions (AND'ed), with what the form keeps unshown. */
function TermEditor({
  term,
  keys,
  onChange,
  problemAt,
  label,
}: {
  term: NodeTerm;
  keys: Map<string, string[]>;
  onChange(t: NodeTerm): void;
  problemAt(row?: number): string | undefined;
  label: string;
}) {
  const { t } = useTranslation();
  const kept = Object.keys(term.rest);
  return (
    <Stack gap={4}>
      {term.expressions.map((e, row) => (
        <ExpressionRow
          key={row}
          e={e}
          operators={nodeOperators}
          keys={keys}
          label={`${label} · ${row + 1}`}
          onChange={(change) => onChange({ ...term, expressions: replace(term.expressions, row, change) })}
          onRemove={() => onChange({ ...term, expressions: drop(term.expressions, row) })}
          error={problemAt(row)}
        />
      ))}
      {problemAt() && (
        <Text size="xs" c="red">
          {problemAt()}
        </Text>
      )}
      {kept.length > 0 && (
        <Text size="xs" c="dimmed">
          {t("scheduling.nodes.kept", { what: kept.join(", ") })}
        </Text>
      )}
      <AddButton
        label={t("scheduling.nodes.addExpression")}
        onClick={() => onChange({ ...term, expressions: [...term.expressions, { key: "", operator: "In", values: "" }] })}
      />
    </Stack>
  );
}

export function NodesStep({ form, set, problem, prediction }: StepProps) {
  const { t } = useTranslation();
  const at = useProblemText();
  const keys = nodeLabelValues(prediction);
  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Text fw={500} size="sm">
          {t("scheduling.nodes.selector")}
        </Text>
        <About>{t("scheduling.nodes.selectorAbout")}</About>
        {form.nodeSelector.map((s, i) => (
          <Group key={i} gap="xs" align="flex-start" wrap="nowrap" role="group" aria-label={`${t("scheduling.nodes.selector")} ${i + 1}`}>
            <Autocomplete
              aria-label={t("scheduling.key")}
              placeholder={t("scheduling.key")}
              data={[...keys.keys()]}
              value={s.key}
              onChange={(key) => set({ nodeSelector: replace(form.nodeSelector, i, { key }) })}
              error={at(problem, "nodeSelector", i)}
              w={240}
            />
            <Autocomplete
              aria-label={t("scheduling.value")}
              placeholder={t("scheduling.value")}
              data={keys.get(s.key) ?? []}
              value={s.value}
              onChange={(value) => set({ nodeSelector: replace(form.nodeSelector, i, { value }) })}
              style={{ flex: 1 }}
            />
            <RemoveButton label={t("scheduling.remove")} onClick={() => set({ nodeSelector: drop(form.nodeSelector, i) })} />
          </Group>
        ))}
        <AddButton label={t("scheduling.nodes.addLabel")} onClick={() => set({ nodeSelector: [...form.nodeSelector, { key: "", value: "" }] })} />
      </Stack>

      <Stack gap={4}>
        <Text fw={500} size="sm">
          {t("scheduling.nodes.required")}
        </Text>
        <About>{t("scheduling.nodes.requiredAbout")}</About>
        {form.required.map((term, i) => (
          <Stack key={i} gap={4}>
            {i > 0 && (
              <Badge variant="light" color="gray" w="fit-content">
                {t("scheduling.nodes.orTerm")}
              </Badge>
            )}
            <Card withBorder padding="xs">
              <Group justify="space-between" mb={4}>
                <Text size="sm">{t("scheduling.nodes.term", { n: i + 1 })}</Text>
                <RemoveButton
                  label={`${t("scheduling.remove")} ${t("scheduling.nodes.term", { n: i + 1 })}`}
                  onClick={() => set({ required: drop(form.required, i) })}
                />
              </Group>
              <TermEditor
                term={term}
                keys={keys}
                label={`${t("scheduling.nodes.required")} ${t("scheduling.nodes.term", { n: i + 1 })}`}
                onChange={(x) => set({ required: replace(form.required, i, x) })}
                problemAt={(row) => at(problem, "required", i, row)}
              />
            </Card>
          </Stack>
        ))}
        <AddButton
          label={t("scheduling.nodes.addTerm")}
          onClick={() => set({ required: [...form.required, { expressions: [{ key: "", operator: "In", values: "" }], rest: {} }] })}
        />
      </Stack>

      <Stack gap={4}>
        <Text fw={500} size="sm">
          {t("scheduling.nodes.preferred")}
        </Text>
        <About>{t("scheduling.nodes.preferredAbout")}</About>
        {form.preferred.map((term, i) => (
          <Card key={i} withBorder padding="xs">
            <Group justify="space-between" mb={4} align="flex-start">
              <NumberInput
                label={t("scheduling.weight")}
                min={1}
                max={100}
                value={term.weight}
                onChange={(v) => set({ preferred: replace(form.preferred, i, { weight: Number(v) }) })}
                w={140}
                size="xs"
              />
              <RemoveButton
                label={`${t("scheduling.remove")} ${t("scheduling.nodes.term", { n: i + 1 })}`}
                onClick={() => set({ preferred: drop(form.preferred, i) })}
              />
            </Group>
            <TermEditor
              term={term}
              keys={keys}
              label={`${t("scheduling.nodes.preferred")} ${t("scheduling.nodes.term", { n: i + 1 })}`}
              onChange={(x) => set({ preferred: replace(form.preferred, i, { ...x, weight: term.weight }) })}
              problemAt={(row) => at(problem, "preferred", i, row)}
            />
          </Card>
        ))}
        <AddButton
          label={t("scheduling.nodes.addPreferred")}
          onClick={() => set({ preferred: [...form.preferred, { weight: 50, expressions: [{ key: "", operator: "In", values: "" }], rest: {} }] })}
        />
      </Stack>

      <TextInput
        label={t("scheduling.nodes.nodeName")}
        description={t("scheduling.nodes.nodeNameAbout")}
        value={form.nodeName}
        onChange={(e) => set({ nodeName: e.currentTarget.value })}
        list="kubedeck-node-names"
      />
      <datalist id="kubedeck-node-names">
        {(prediction?.nodes ?? []).map((n) => (
          <option key={n.node} value={n.node} />
        ))}
      </datalist>
    </Stack>
  );
}

/** A label selector's rows, with a way to start from the template's own labels. */
function SelectorEditor({
  rows,
  onChange,
  ownLabels,
  problemAt,
  label,
}: {
  rows: SelectorRow[];
  onChange(rows: SelectorRow[]): void;
  ownLabels: Record<string, string>;
  problemAt(row: number): string | undefined;
  label: string;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Text size="sm">{label}</Text>
      {rows.map((r, row) => (
        <ExpressionRow
          key={row}
          e={r}
          operators={selectorOperators}
          keys={new Map(Object.entries(ownLabels).map(([k, v]) => [k, [v]]))}
          label={`${label} · ${row + 1}`}
          onChange={(change) => onChange(replace(rows, row, change))}
          onRemove={() => onChange(drop(rows, row))}
          error={problemAt(row)}
        />
      ))}
      <Group gap="xs">
        <AddButton label={t("scheduling.pods.addCondition")} onClick={() => onChange([...rows, { key: "", operator: "=", values: "" }])} />
        {Object.keys(ownLabels).length > 0 && (
          <Button
            size="compact-xs"
            variant="subtle"
            onClick={() => onChange(Object.entries(ownLabels).map(([key, values]) => ({ key, operator: "=" as const, values })))}
          >
            {t("scheduling.pods.useOwn")}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

/** Which matching count of the prediction belongs to the form's rule i (the spec groups them by type and requiredness, in the form's order). */
function matchingOf(prediction: Prediction | undefined, rules: PodRule[], i: number): number | undefined {
  const r = rules[i];
  const index = rules.slice(0, i).filter((x) => x.type === r.type && x.required === r.required).length;
  const m = prediction?.matching;
  if (!m) return undefined;
  const list = r.type === "affinity" ? (r.required ? m.affinity : m.affinityPreferred) : r.required ? m.antiAffinity : m.antiAffinityPreferred;
  return list[index];
}

export function PodsStep({ form, set, problem, prediction, namespace, ownLabels }: StepProps) {
  const { t } = useTranslation();
  const at = useProblemText();
  const keys = [...nodeLabelValues(prediction).keys()];
  const rules = form.podRules;
  const ownMatch = (r: PodRule) =>
    r.selector.length > 0 &&
    r.selector.every((s) => (s.operator === "=" ? ownLabels[s.key] === s.values.trim() : s.operator === "Exists" ? s.key in ownLabels : false));
  return (
    <Stack gap="md">
      <About>{t("scheduling.pods.about")}</About>
      {rules.map((r, i) => {
        const matching = matchingOf(prediction, rules, i);
        return (
          <Card key={i} withBorder padding="xs" role="group" aria-label={t("scheduling.pods.rule", { n: i + 1 })}>
            <Stack gap={6}>
              <Group justify="space-between" align="flex-start">
                <Group gap="xs">
                  <SegmentedControl
                    size="xs"
                    value={r.type}
                    onChange={(v) => set({ podRules: replace(rules, i, { type: v as PodRule["type"] }) })}
                    data={[
                      { value: "affinity", label: t("scheduling.pods.affinity") },
                      { value: "antiAffinity", label: t("scheduling.pods.antiAffinity") },
                    ]}
                  />
                  <SegmentedControl
                    size="xs"
                    value={r.required ? "required" : "preferred"}
                    onChange={(v) => set({ podRules: replace(rules, i, { required: v === "required" }) })}
                    data={[
                      { value: "required", label: t("scheduling.pods.required") },
                      { value: "preferred", label: t("scheduling.pods.preferred") },
                    ]}
                  />
                  {!r.required && (
                    <NumberInput
                      aria-label={t("scheduling.weight")}
                      min={1}
                      max={100}
                      value={r.weight}
                      onChange={(v) => set({ podRules: replace(rules, i, { weight: Number(v) }) })}
                      w={90}
                      size="xs"
                    />
                  )}
                </Group>
                <RemoveButton
                  label={`${t("scheduling.remove")} ${t("scheduling.pods.rule", { n: i + 1 })}`}
                  onClick={() => set({ podRules: drop(rules, i) })}
                />
              </Group>
              <SelectorEditor
                rows={r.selector}
                ownLabels={ownLabels}
                label={t("scheduling.pods.selector")}
                onChange={(selector) => set({ podRules: replace(rules, i, { selector }) })}
                problemAt={(row) => at(problem, "podRules", i, row)}
              />
              {matching !== undefined && (
                <Text size="xs" c="dimmed" role="status">
                  {t("scheduling.pods.matching", { count: matching })}
                </Text>
              )}
              {ownMatch(r) && r.type === "antiAffinity" && (
                <Text size="xs" c="dimmed">
                  {t("scheduling.pods.self")}
                </Text>
              )}
              <Group grow align="flex-start">
                <Select
                  label={t("scheduling.pods.topologyKey")}
                  description={t("scheduling.pods.topologyKeyAbout")}
                  data={[...new Set([...keys, ...(r.topologyKey ? [r.topologyKey] : [])])]}
                  value={r.topologyKey || null}
                  onChange={(v) => set({ podRules: replace(rules, i, { topologyKey: v ?? "" }) })}
                  searchable
                  error={at(problem, "podRules", i)}
                />
                <TextInput
                  label={t("scheduling.pods.namespaces")}
                  description={t("scheduling.pods.namespacesHint", { namespace })}
                  value={r.namespaces}
                  onChange={(e) => set({ podRules: replace(rules, i, { namespaces: e.currentTarget.value }) })}
                />
              </Group>
            </Stack>
          </Card>
        );
      })}
      <AddButton
        label={t("scheduling.pods.add")}
        onClick={() =>
          set({
            podRules: [
              ...rules,
              {
                type: "antiAffinity",
                required: true,
                weight: 100,
                selector: Object.entries(ownLabels).map(([key, values]) => ({ key, operator: "=" as const, values })),
                topologyKey: "kubernetes.io/hostname",
                namespaces: "",
                rest: {},
              },
            ],
          })
        }
      />
    </Stack>
  );
}

const taintText = (t: Taint) => `${t.key}${t.value ? `=${t.value}` : ""}:${t.effect}`;

export function TaintsStep({ form, set, problem, prediction }: StepProps) {
  const { t } = useTranslation();
  const at = useProblemText();
  // The distinct taints on the cluster's nodes, each with the nodes that carry it.
  const present = new Map<string, { taint: Taint; nodes: string[] }>();
  for (const n of prediction?.nodes ?? [])
    for (const taint of n.taints) {
      const k = taintText(taint);
      present.set(k, { taint, nodes: [...(present.get(k)?.nodes ?? []), n.node] });
    }
  const asToleration = (r: TolerationRow) => ({
    key: r.key || undefined,
    operator: r.operator,
    value: r.operator === "Equal" ? r.value : undefined,
    effect: r.effect || undefined,
  });
  return (
    <Stack gap="md">
      <About>{t("scheduling.taints.about")}</About>
      <Stack gap={4}>
        <Text fw={500} size="sm">
          {t("scheduling.taints.present")}
        </Text>
        {present.size === 0 && <Text size="sm">{t("scheduling.taints.none")}</Text>}
        {[...present].map(([k, { taint, nodes }]) => {
          const tolerated = form.tolerations.some((r) => tolerates(asToleration(r), taint));
          return (
            <Group key={k} gap="xs" wrap="nowrap">
              <Badge variant="light" color={taint.effect === "NoExecute" ? "red" : taint.effect === "NoSchedule" ? "orange" : "yellow"} tt="none">
                {k}
              </Badge>
              <Text size="xs" c="dimmed" style={{ flex: 1 }}>
                {t("scheduling.taints.onNodes", { nodes: nodes.join(", ") })}
              </Text>
              <Button
                size="compact-xs"
                variant={tolerated ? "light" : "default"}
                disabled={tolerated}
                aria-label={`${t("scheduling.taints.tolerate")} ${k}`}
                onClick={() =>
                  set({
                    tolerations: [
                      ...form.tolerations,
                      {
                        key: taint.key,
                        operator: taint.value ? "Equal" : "Exists",
                        value: taint.value ?? "",
                        effect: taint.effect as TolerationRow["effect"],
                        seconds: "",
                      },
                    ],
                  })
                }
              >
                {t(tolerated ? "scheduling.taints.tolerated" : "scheduling.taints.tolerate")}
              </Button>
            </Group>
          );
        })}
      </Stack>
      {form.tolerations.map((r, i) => (
        <Group key={i} gap="xs" align="flex-start" wrap="wrap" role="group" aria-label={`${t("scheduling.taints.tolerate")} ${i + 1}`}>
          <TextInput
            aria-label={t("scheduling.key")}
            placeholder={t("scheduling.key")}
            value={r.key}
            onChange={(e) => set({ tolerations: replace(form.tolerations, i, { key: e.currentTarget.value }) })}
            error={at(problem, "tolerations", i)}
            w={220}
          />
          <Select
            aria-label={t("scheduling.operator")}
            data={[
              { value: "Equal", label: t("scheduling.taints.equal") },
              { value: "Exists", label: t("scheduling.taints.exists") },
            ]}
            value={r.operator}
            onChange={(v) =>
              v && set({ tolerations: replace(form.tolerations, i, { operator: v as TolerationRow["operator"], ...(v === "Exists" ? { value: "" } : {}) }) })
            }
            allowDeselect={false}
            w={170}
          />
          {r.operator === "Equal" && (
            <TextInput
              aria-label={t("scheduling.value")}
              placeholder={t("scheduling.value")}
              value={r.value}
              onChange={(e) => set({ tolerations: replace(form.tolerations, i, { value: e.currentTarget.value }) })}
              w={120}
            />
          )}
          <Select
            aria-label={t("scheduling.taints.effect")}
            data={[{ value: "any", label: t("scheduling.taints.anyEffect") }, ...taintEffects.map((e) => ({ value: e, label: e }))]}
            value={r.effect || "any"}
            onChange={(v) => set({ tolerations: replace(form.tolerations, i, { effect: (v === "any" ? "" : (v ?? "")) as TolerationRow["effect"] }) })}
            allowDeselect={false}
            w={160}
          />
          {r.effect === "NoExecute" && (
            <TextInput
              aria-label={t("scheduling.taints.seconds")}
              placeholder={t("scheduling.taints.seconds")}
              value={r.seconds}
              onChange={(e) => set({ tolerations: replace(form.tolerations, i, { seconds: e.currentTarget.value }) })}
              w={140}
            />
          )}
          <RemoveButton label={t("scheduling.remove")} onClick={() => set({ tolerations: drop(form.tolerations, i) })} />
        </Group>
      ))}
      <AddButton
        label={t("scheduling.taints.add")}
        onClick={() => set({ tolerations: [...form.tolerations, { key: "", operator: "Equal", value: "", effect: "NoSchedule", seconds: "" }] })}
      />
    </Stack>
  );
}

export function SpreadStep({ form, set, problem, prediction, ownLabels }: StepProps) {
  const { t } = useTranslation();
  const at = useProblemText();
  const keys = [...nodeLabelValues(prediction).keys()];
  const change = (i: number, c: Partial<SpreadRow>) => set({ spread: replace(form.spread, i, c) });
  return (
    <Stack gap="md">
      <About>{t("scheduling.spread.about")}</About>
      {form.spread.map((c, i) => (
        <Card key={i} withBorder padding="xs" role="group" aria-label={t("scheduling.spread.constraint", { n: i + 1 })}>
          <Stack gap={6}>
            <Group align="flex-start" gap="xs" wrap="nowrap">
              <NumberInput label={t("scheduling.spread.maxSkew")} min={1} value={c.maxSkew} onChange={(v) => change(i, { maxSkew: Number(v) })} w={110} />
              <Select
                label={t("scheduling.pods.topologyKey")}
                data={[...new Set([...keys, ...(c.topologyKey ? [c.topologyKey] : [])])]}
                value={c.topologyKey || null}
                onChange={(v) => change(i, { topologyKey: v ?? "" })}
                searchable
                style={{ flex: 1 }}
              />
              <Select
                label={t("scheduling.spread.when")}
                data={[
                  { value: "DoNotSchedule", label: t("scheduling.spread.doNotSchedule") },
                  { value: "ScheduleAnyway", label: t("scheduling.spread.scheduleAnyway") },
                ]}
                value={c.whenUnsatisfiable}
                onChange={(v) => v && change(i, { whenUnsatisfiable: v as SpreadRow["whenUnsatisfiable"] })}
                allowDeselect={false}
                w={230}
              />
              <RemoveButton
                label={`${t("scheduling.remove")} ${t("scheduling.spread.constraint", { n: i + 1 })}`}
                onClick={() => set({ spread: drop(form.spread, i) })}
              />
            </Group>
            {at(problem, "spread", i) && (
              <Text size="xs" c="red">
                {at(problem, "spread", i)}
              </Text>
            )}
            <TextInput
              label={t("scheduling.spread.minDomains")}
              description={t("scheduling.spread.minDomainsAbout")}
              value={c.minDomains}
              onChange={(e) => change(i, { minDomains: e.currentTarget.value })}
              w={360}
            />
            <SelectorEditor
              rows={c.selector}
              ownLabels={ownLabels}
              label={t("scheduling.pods.selector")}
              onChange={(selector) => change(i, { selector })}
              problemAt={(row) => at(problem, "spread", i, row)}
            />
          </Stack>
        </Card>
      ))}
      <AddButton
        label={t("scheduling.spread.add")}
        onClick={() =>
          set({
            spread: [
              ...form.spread,
              {
                maxSkew: 1,
                topologyKey: "topology.kubernetes.io/zone",
                whenUnsatisfiable: "DoNotSchedule",
                selector: Object.entries(ownLabels).map(([key, values]) => ({ key, operator: "=" as const, values })),
                minDomains: "",
                rest: {},
              },
            ],
          })
        }
      />
    </Stack>
  );
}
