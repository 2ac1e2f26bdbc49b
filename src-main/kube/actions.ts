// Main's side of the action table (DESIGN §4.1): one executor per action. The renderer is
// untrusted, so the action must be one the target's kind offers and its input must fit the
// table's schema; then the executor reads what it needs and sends the table's own preview,
// so that what the user was shown is what is sent. Each object's previous version goes to the
// change journal before its request (DESIGN §4.1).
import type { KubeConfig } from "@kubernetes/client-node";
import { ApiError } from "../../src-shared/api/errors.ts";
import { describeObject, refOfPath, resourcePath, type ObjectRef } from "../../src-shared/api/refs.ts";
import type { ActOutcome } from "../../src-shared/api/types.ts";
import { actions, patchContentTypes, type ActionDefinition, type ActionId, type ApiRequest } from "../../src-shared/kinds/actions.ts";
import type { K8sObject } from "../../src-shared/kinds/types.ts";
import { validate } from "../api/validate.ts";
import type { Connections } from "./connections.ts";
import { toApiError } from "./errors.ts";
import type { Change, Journal } from "./journal.ts";
import { getJson, requestJson } from "./raw.ts";
import { deleteAllIn } from "./delete-all.ts";
import { rolloutHistory } from "./rollouts.ts";
import type { WatchHub } from "./watch-hub.ts";

interface Execution {
  kc: KubeConfig;
  target: ObjectRef;
  input: unknown;
  definition: ActionDefinition;
  change: Change;
}

/** The object as it is now, and the table's request for it. */
async function previewNow(
  kc: KubeConfig,
  target: ObjectRef,
  input: unknown,
  definition: ActionDefinition,
): Promise<{ object: K8sObject; request: ApiRequest }> {
  const object = await getJson<K8sObject>(kc, resourcePath(target));
  const history = definition.readsHistory ? await rolloutHistory(kc, target, object) : undefined;
  try {
    return { object, request: definition.preview({ target, input, object: definition.readsObject ? object : undefined, history, now: new Date() }) };
  } catch (e) {
    // The input does not fit the object as it is now (a revision no longer kept, a taint not there).
    throw new ApiError({ code: "Invalid", message: (e as Error).message });
  }
}

/**
 * Reads the object, builds the table's preview, records what the request will change, and
 * sends it. A POST creates another object (a CronJob's Job): that one is what is recorded.
 */
async function sendPreview({ kc, target, input, definition, change }: Execution): Promise<void> {
  const { object, request } = await previewNow(kc, target, input, definition);
  const body = request.body as K8sObject | undefined;
  const created =
    request.method === "POST" && body?.metadata?.name ? refOfPath(target.context, `${request.path}/${encodeURIComponent(body.metadata.name)}`) : undefined;
  const i = created ? change.before(created, body!.kind ?? "", undefined) : change.before(target, object.kind ?? "", object);
  let answer: K8sObject | undefined;
  try {
    answer = await requestJson<K8sObject>(kc, request.method, request.path, {
      body: request.body,
      contentType: request.patchType ? patchContentTypes[request.patchType] : undefined,
    });
  } catch (e) {
    change.after(i, { change: "failed" });
    throw e;
  }
  if (request.method === "DELETE") return change.after(i, { change: "deleted" });
  if (created) return change.after(i, { change: "created", after: answer });
  // A subresource answers with itself (a Scale): the object is what the journal keeps.
  const after = answer?.kind === object.kind ? answer : await getJson<K8sObject>(kc, resourcePath(target)).catch(() => undefined);
  change.after(i, { change: after?.metadata?.resourceVersion === object.metadata?.resourceVersion ? "unchanged" : "changed", after });
}

const executors: Record<ActionId, (x: Execution) => Promise<void>> = {
  label: sendPreview,
  annotate: sendPreview,
  delete: sendPreview,
  forceDelete: sendPreview,
  deleteAll: deleteAllIn,
  removeFinalizers: sendPreview,
  scale: sendPreview,
  restart: sendPreview,
  cordon: sendPreview,
  uncordon: sendPreview,
  trigger: sendPreview,
  debug: sendPreview,
  debugCopy: sendPreview,
  debugNode: sendPreview,
  setImage: sendPreview,
  schedule: sendPreview,
  useConfig: sendPreview,
  editContainer: sendPreview,
  expand: sendPreview,
  pause: sendPreview,
  resume: sendPreview,
  rollback: sendPreview,
  suspend: sendPreview,
  unsuspend: sendPreview,
  taint: sendPreview,
  drain: async () => {
    throw new ApiError({ code: "Invalid", message: "a drain runs as the stream nodes.drain, which reports each pod's progress" });
  },
};

// Enough to label or delete a few hundred objects briskly without flooding the API server.
const parallel = 8;

export class Actions {
  private readonly connections: Connections;
  private readonly hub: WatchHub;
  private readonly journal: Journal;

  constructor(connections: Connections, hub: WatchHub, journal: Journal) {
    this.connections = connections;
    this.hub = hub;
    this.journal = journal;
  }

  /** Runs one action on each target; each target's outcome, in order. Bad input fails them all at once. */
  async run(action: ActionId, rawInput: unknown, targets: ObjectRef[]): Promise<ActOutcome[]> {
    const definition: ActionDefinition = actions[action];
    const input = validate(definition.input, rawInput, `${action} input`);
    // One change in the journal for the whole selection, so that one Undo puts it all back.
    const context = targets[0].context;
    if (targets.some((t) => t.context !== context)) throw new ApiError({ code: "Invalid", message: "one action goes to one cluster at a time" });
    const change = this.journal.start(context, action);
    const outcomes: ActOutcome[] = new Array(targets.length);
    let next = 0;
    const worker = async () => {
      while (next < targets.length) {
        const i = next++;
        try {
          await this.runOne(action, input, targets[i], change);
          outcomes[i] = { ok: true, journal: change.id };
        } catch (e) {
          outcomes[i] = { ok: false, error: toApiError(e, `${action} ${describeObject(targets[i])}`).toJSON() };
        }
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(parallel, targets.length) }, worker));
    } finally {
      change.end();
    }
    return outcomes;
  }

  /**
   * One action on one object with the cluster's dry run: the table's preview is built from the
   * object as it is now and sent with dryRun=All, so admission and validation speak and nothing
   * is persisted (nor journaled). The answer is the object as it would become.
   */
  async dryRun(action: ActionId, rawInput: unknown, target: ObjectRef): Promise<K8sObject> {
    const definition: ActionDefinition = actions[action];
    const input = validate(definition.input, rawInput, `${action} input`);
    this.offered(action, target);
    if (definition.streams || executors[action] !== sendPreview)
      throw new ApiError({ code: "Invalid", message: `"${action}" is not a single request: it has no dry run` });
    const kc = this.connections.config(target.context);
    try {
      const { request } = await previewNow(kc, target, input, definition);
      return await requestJson<K8sObject>(kc, request.method, `${request.path}${request.path.includes("?") ? "&" : "?"}dryRun=All`, {
        body: request.body,
        contentType: request.patchType ? patchContentTypes[request.patchType] : undefined,
      });
    } catch (e) {
      throw toApiError(e, `${action} ${describeObject(target)} (dry run)`);
    }
  }

  /** Refuses an action the target's kind does not offer. */
  private offered(action: ActionId, target: ObjectRef): void {
    const kind = this.hub.descriptor(target);
    if (!kind)
      throw new ApiError({ code: "NotFound", message: `${target.context} does not serve ${target.group ? `${target.group}/` : ""}${target.resource}` });
    if (!kind.capabilities?.includes(actions[action].capability)) {
      throw new ApiError({ code: "Invalid", message: `${kind.kind} objects do not offer "${action}"` });
    }
  }

  /** One action on one object; throws an ApiError saying what failed. `input` must already fit the action's schema. */
  async runOne(action: ActionId, input: unknown, target: ObjectRef, change?: Change): Promise<void> {
    const definition: ActionDefinition = actions[action];
    this.offered(action, target);
    const own = change ?? this.journal.start(target.context, action);
    try {
      await executors[action]({ kc: this.connections.config(target.context), target, input, definition, change: own });
    } catch (e) {
      throw toApiError(e, `${action} ${describeObject(target)}`);
    } finally {
      if (!change) own.end();
    }
  }
}
