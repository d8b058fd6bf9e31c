import { requireCoordinator } from "../access/permissions.js";
import type { DomainContext } from "../domain/context.js";
import { listPolicies } from "./policies.js";
import type { Policy } from "./policy-schema.js";
import { formatPolicyText } from "./policy-text.js";
import { telegramIdsOf } from "./update-policy.js";

/** Every policy with its rules written out the way a coordinator would type them; coordinators only. */
export async function viewPolicies(ctx: DomainContext): Promise<Array<{ policy: Policy; text: string }>> {
  await requireCoordinator(ctx);
  const policies = await listPolicies(ctx.db);
  const ids = await telegramIdsOf(ctx, policies);
  return policies.map((policy) => ({ policy, text: formatPolicyText(policy, (id) => ids.get(id) ?? null) }));
}
