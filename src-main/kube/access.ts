// What the user may do, asked of the cluster itself (SelfSubjectAccessReview), so that an
// action is shown disabled with the missing verb and resource instead of failing later.
// Answers are cached per context for a minute: RBAC rarely changes while a view is open.
// Asked through the context's pool (raw.ts): a view's dozen checks, asked as it opens, are
// streams of its HTTP/2 connection, not a TLS connection each as client-node's typed API made.
import type { V1SelfSubjectAccessReview } from "@kubernetes/client-node";
import type { AccessCheck, AccessResult } from "../../src-shared/api/types.ts";
import type { Connections } from "./connections.ts";
import { requestJson } from "./raw.ts";

const ttlMs = 60_000;

export class AccessReviews {
  private cache = new Map<string, { at: number; result: Promise<AccessResult> }>();
  private readonly connections: Connections;

  constructor(connections: Connections) {
    this.connections = connections;
    connections.onDisconnect((context) => {
      for (const key of this.cache.keys()) if (key.startsWith(`${context}|`)) this.cache.delete(key);
    });
  }

  check(context: string, checks: AccessCheck[]): Promise<AccessResult[]> {
    const kc = this.connections.config(context);
    const now = Date.now();
    return Promise.all(
      checks.map((c) => {
        const key = [context, c.verb, c.group, c.resource, c.subresource ?? "", c.namespace ?? "", c.name ?? ""].join("|");
        const hit = this.cache.get(key);
        if (hit && now - hit.at < ttlMs) return hit.result;
        const result = requestJson<V1SelfSubjectAccessReview>(kc, "POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", {
          body: {
            apiVersion: "authorization.k8s.io/v1",
            kind: "SelfSubjectAccessReview",
            spec: {
              resourceAttributes: { verb: c.verb, group: c.group, resource: c.resource, subresource: c.subresource, namespace: c.namespace, name: c.name },
            },
          },
        }).then((r) => ({ ...c, allowed: !!r.status?.allowed, reason: r.status?.reason || undefined }));
        // A failed review is not remembered: the next check asks again.
        result.catch(() => this.cache.delete(key));
        this.cache.set(key, { at: now, result });
        return result;
      }),
    );
  }
}
