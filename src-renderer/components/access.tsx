// One question to the cluster's authorizer for one button, and the button kept visible but
// disabled, saying what permission is missing (DESIGN §4.1), when the answer is no.
import { Tooltip } from "@mantine/core";
import { queryOptions, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { AccessCheck } from "../../src-shared/api/types.ts";
import { describeNeed } from "../../src-shared/k8s/access-need.ts";
import { checkAccess } from "../api/index.ts";
import { keys } from "../data/keys.ts";
import { keyText } from "../keys/keymap.ts";

const allowedQuery = (context: string, check: AccessCheck) =>
  queryOptions({
    queryKey: keys.access(context, "one", [check.verb, check.group, check.resource, check.subresource ?? "", check.namespace ?? "", check.name ?? ""]),
    staleTime: 30_000,
    queryFn: async () => (await checkAccess({ context, checks: [check] }))[0],
  });

export function useAllowed(context: string, check: AccessCheck): { allowed: boolean; reason?: string } {
  const answer = useQuery(allowedQuery(context, check));
  if (answer.error) return { allowed: false, reason: (answer.error as { message?: string }).message };
  if (!answer.data) return { allowed: false };
  return answer.data.allowed ? { allowed: true } : { allowed: false, reason: [describeNeed(check), answer.data.reason].filter(Boolean).join(" — ") };
}

/**
 * Asks the checks of buttons drawn later (a list's toolbar, after its first rows) now, so that
 * they are answered when the buttons come. Nothing here listens for the answers: the caller
 * does not draw again when they arrive.
 */
export function useAskedAhead(context: string, checks: readonly AccessCheck[]) {
  const client = useQueryClient();
  const asked = JSON.stringify(checks);
  useEffect(() => {
    for (const check of JSON.parse(asked) as AccessCheck[]) void client.prefetchQuery(allowedQuery(context, check));
  }, [client, context, asked]);
}

/**
 * Wraps a disabled button with why it is disabled (a disabled button gets no hover of its own);
 * an allowed one with its key (`press`, as keymap.ts names presses), when it has one.
 */
export function Guarded({ allowed, reason, press, children }: { allowed: boolean; reason?: string; press?: string; children: ReactNode }) {
  const { t } = useTranslation();
  if (allowed && press)
    return (
      <Tooltip label={t("keys.press", { key: keyText(press) })} withArrow openDelay={400}>
        {children}
      </Tooltip>
    );
  if (allowed || !reason) return children;
  const why = t("editor.forbidden", { need: reason });
  return (
    <Tooltip label={why} multiline w={300} withArrow>
      <span role="note" aria-label={why}>
        {children}
      </span>
    </Tooltip>
  );
}
