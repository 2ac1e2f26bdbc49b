// Main's side of the action table (DESIGN §4.1): one executor per action. The renderer is
// untrusted, so the action must be one the target's kind offers and its input must fit the
// table's schema; then the executor reads what it needs and sends the table's own preview,
// so that what the user was shown is what is sent.
import type { KubeConfig } from "@kubernetes/client-node";
import { ApiError } from "../../src-shared/api/errors.ts";
import { describeObject, resourcePath, type ObjectRef } from "../../src-shared/api/refs.ts";
import type { ActOutcome } from "../../src-shared/api/types.ts";
import { actions, patchContentTypes, type ActionDefinition, type ActionId } from "../../src-shared/kinds/actions.ts";
import type { K8sObject } from "../../src-shared/kinds/types.ts";
import { validate } from "../api/validate.ts";
import type { Connections } from "./connections.ts";
import { toApiError } from "./errors.ts";
import { getJson, requestJson } from "./raw.ts";
import type { WatchHub } from "./watch-hub.ts";

interface Execution {
  kc: KubeConfig;
  target: ObjectRef;
  input: unknown;
  definition: ActionDefinition;
}

/** Reads the object when the action needs it, builds the table's preview, and sends it. */
async function sendPreview({ kc, target, input, definition }: Execution): Promise<void> {
  const object = definition.readsObject ? await getJson<K8sObject>(kc, resourcePath(target)) : undefined;
  const request = definition.preview({ target, input, object, now: new Date() });
  await requestJson(kc, request.method, request.path, {
    body: request.body,
    contentType: request.patchType ? patchContentTypes[request.patchType] : undefined,
  });
}

const executors: Record<ActionId, (x: Execution) => Promise<void>> = {
  delete: sendPreview,
  scale: sendPreview,
  restart: sendPreview,
  cordon: sendPreview,
  uncordon: sendPreview,
  trigger: sendPreview,
};

// Enough to label or delete a few hundred objects briskly without flooding the API server.
const parallel = 8;

export class Actions {
  private readonly connections: Connections;
  private readonly hub: WatchHub;

  constructor(connections: Connections, hub: WatchHub) {
    this.connections = connections;
    this.hub = hub;
  }

  /** Runs one action on each target; each target's outcome, in order. Bad input fails them all at once. */
  async run(action: ActionId, rawInput: unknown, targets: ObjectRef[]): Promise<ActOutcome[]> {
    const definition: ActionDefinition = actions[action];
    const input = validate(definition.input, rawInput, `${action} input`);
    const outcomes: ActOutcome[] = new Array(targets.length);
    let next = 0;
    const worker = async () => {
      while (next < targets.length) {
        const i = next++;
        try {
          await this.runOne(action, input, targets[i]);
          outcomes[i] = { ok: true };
        } catch (e) {
          outcomes[i] = { ok: false, error: toApiError(e, `${action} ${describeObject(targets[i])}`).toJSON() };
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(parallel, targets.length) }, worker));
    return outcomes;
  }

  /** One action on one object; throws an ApiError saying what failed. `input` must already fit the action's schema. */
  async runOne(action: ActionId, input: unknown, target: ObjectRef): Promise<void> {
    const definition: ActionDefinition = actions[action];
    const kind = this.hub.descriptor(target);
    if (!kind)
      throw new ApiError({ code: "NotFound", message: `${target.context} does not serve ${target.group ? `${target.group}/` : ""}${target.resource}` });
    if (!kind.capabilities?.includes(definition.capability)) {
      throw new ApiError({ code: "Invalid", message: `${kind.kind} objects do not offer "${action}"` });
    }
    try {
      await executors[action]({ kc: this.connections.config(target.context), target, input, definition });
    } catch (e) {
      throw toApiError(e, `${action} ${describeObject(target)}`);
    }
  }
}
