// Which actions of the table (DESIGN §4.1) an object or a selection offers, and whether the
// user may run each: the kind's capabilities decide what is offered, the cluster's RBAC
// (SelfSubjectAccessReview) what is allowed. A forbidden action stays offered, disabled,
// with the missing permission named.
import { useQuery } from "@tanstack/react-query";
import type { ObjectRef } from "../../../src-shared/api/refs.ts";
import type { AccessCheck } from "../../../src-shared/api/types.ts";
import { actions, actionsOf, describeNeed, type ActionId } from "../../../src-shared/kinds/actions.ts";
import type { K8sObject, KindDescriptor } from "../../../src-shared/kinds/types.ts";
import { checkAccess } from "../../api/index.ts";
import { keys } from "../../data/keys.ts";

export interface ActionOffer {
  id: ActionId;
  allowed: boolean;
  /** Why not: the missing verb and resource, and the authorizer's words. */
  reason?: string;
  /** The cluster has not answered yet. */
  checking?: boolean;
}

const checkKey = (c: AccessCheck) => [c.verb, c.group, c.resource, c.subresource ?? "", c.namespace ?? "", c.name ?? ""].join("|");

/**
 * The actions offered for `targets` (one open object, or a selection). For one object its
 * state narrows them (uncordon only a cordoned node); a selection is checked per namespace,
 * not per name, and each target's outcome tells if one of them is refused after all.
 */
export function useActionOffers(context: string, kind: KindDescriptor | undefined, targets: ObjectRef[], object?: K8sObject) {
  const single = targets.length === 1;
  const ids = (kind ? actionsOf(kind) : []).filter((id) => !object || !actions[id].fits || actions[id].fits(object));
  const needs = new Map<ActionId, AccessCheck[]>();
  const unique = new Map<string, AccessCheck>();
  for (const id of ids) {
    const checks = targets.flatMap((t) => actions[id].needs(t)).map((c) => (single ? c : { ...c, name: undefined }));
    needs.set(id, checks);
    for (const c of checks) unique.set(checkKey(c), c);
  }
  const questions = [...unique.values()].sort((a, b) => (checkKey(a) < checkKey(b) ? -1 : 1));
  const answers = useQuery({
    queryKey: keys.access(context, "actions", questions.map(checkKey)),
    enabled: questions.length > 0,
    staleTime: 30_000,
    queryFn: async () => {
      const results = await checkAccess({ context, checks: questions.map(({ name, ...c }) => (name ? { ...c, name } : c)) });
      return new Map(results.map((r, i) => [checkKey(questions[i]), r]));
    },
  });
  const offers: ActionOffer[] | undefined = answers.data
    ? ids.map((id) => {
        const denied = needs
          .get(id)!
          .map((c) => ({ c, r: answers.data.get(checkKey(c)) }))
          .find(({ r }) => !r?.allowed);
        return denied ? { id, allowed: false, reason: [describeNeed(denied.c), denied.r?.reason].filter(Boolean).join(" — ") } : { id, allowed: true };
      })
    : undefined;
  // Until the cluster has answered, every action is offered, disabled, so nothing jumps in
  // later; if the question itself failed, each says so instead of waiting for ever.
  const unanswered = (id: ActionId): ActionOffer =>
    answers.error
      ? { id, allowed: false, reason: (answers.error as { message?: string }).message ?? String(answers.error) }
      : { id, allowed: false, checking: true };
  return { offers: offers ?? ids.map(unanswered) };
}
