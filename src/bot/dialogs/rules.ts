import { InlineKeyboard } from "grammy";
import { INCIDENT_POLICY_KEYS } from "../../escalation/policy-schema.js";
import { parsePolicyText, formatPolicyText, type WrittenPolicy } from "../../escalation/policy-text.js";
import { updatePolicy } from "../../escalation/update-policy.js";
import { viewPolicies } from "../../escalation/view-policies.js";
import type { DialogContext } from "../context.js";
import { reasonKey } from "../errors.js";
import { excerpt } from "../views/excerpt.js";
import { attempt } from "./attempt.js";
import { answerPress, choose, nextInput, type DialogConversation } from "./next-input.js";

const PROBLEMS_SHOWN = 10;

const mayNotSwitchOff = (key: string) => (INCIDENT_POLICY_KEYS as readonly string[]).includes(key);

export const policyName = (key: string) => `policy-${key.replace(/[._]/g, "-")}`;

/**
 * Changing one escalation policy in the chat: the current rules as text, the coordinator sends
 * the new ones in the same form, sees what was understood, and saves. Coordinators only; the
 * verb checks again when saving.
 */
export async function rulesDialog(conversation: DialogConversation, ctx: DialogContext, key: string): Promise<void> {
  const views = await attempt(conversation, (o) => viewPolicies(o.domain()));
  if (!views.ok) return void (await ctx.reply(ctx.t(views.key, views.args)));
  const current = views.value.find((v) => v.policy.key === key);
  if (!current) return void (await ctx.reply(ctx.t("err-rules-unknown-policy", { key })));
  const ask = () => ctx.reply(ctx.t("rules-edit", { name: ctx.t(policyName(key)), current: current.text }));
  await ask();

  let written: WrittenPolicy | null = null;
  while (!written) {
    const u = await nextInput(conversation, "rd:");
    if (u.callbackQuery) {
      await answerPress(u, ctx.t("hint-text-expected"));
      continue;
    }
    const parsed = parsePolicyText(u.message?.text ?? "");
    if (parsed.ok && parsed.policy.enabled === false && mayNotSwitchOff(key)) {
      // Said now rather than after the confirmation: the save would be refused anyway.
      await u.reply(ctx.t("err-rules-cannot-disable"));
      await ask();
    } else if (parsed.ok) written = parsed.policy;
    else {
      // A long paste can have a problem on every line: the first few, each quoted in part, fit one message.
      const shown = parsed.problems.slice(0, PROBLEMS_SHOWN).map((p) => ctx.t("rules-problem", { line: p.line, problem: ctx.t(reasonKey(p.reason), { text: excerpt(p.text) }) }));
      const more = parsed.problems.length - shown.length;
      await u.reply([ctx.t("rules-problems"), ...shown, ...(more > 0 ? [ctx.t("rules-problems-more", { count: more })] : [])].join("\n"));
      // The question again, with the current rules to copy from.
      await ask();
    }
  }
  await ctx.reply(ctx.t("rules-confirm", { name: ctx.t(policyName(key)), rules: formatPolicyText(written) }), {
    reply_markup: new InlineKeyboard().text(ctx.t("btn-save"), "rd:save").text(ctx.t("btn-cancel"), "rd:cancel"),
  });
  const { match } = await choose(conversation, "rd:", /^rd:(save|cancel)$/);
  if (match[1] === "cancel") return void (await ctx.reply(ctx.t("cancelled")));
  const policy = written;
  const saved = await attempt(conversation, async (o) => formatPolicyText(await updatePolicy(o.domain(), { key, policy })));
  await ctx.reply(saved.ok ? ctx.t("rules-saved", { name: ctx.t(policyName(key)) }) : ctx.t(saved.key, saved.args));
}
