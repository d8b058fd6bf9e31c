import type { Statement } from "../../stats/issue-statement.js";
import { formatTenths } from "../../stats/hours.js";
import type { StatementLabels } from "../../stats/statement-pdf.js";
import type { DialogContext } from "../context.js";

/** Where a statement's QR code leads: its page on this server. */
export const verifyUrl = (ctx: DialogContext, number: string) => `${ctx.deps.publicUrl()}/verify/${encodeURIComponent(number)}`;

/** The statement's words in the reader's language, and the district's name in it. */
export async function statementLabels(ctx: DialogContext, statement: Statement): Promise<StatementLabels> {
  const { DISTRICT_NAME, DISTRICT_NAME_EN } = ctx.deps.config;
  const district = (await ctx.i18n.getLocale()) === "en" ? (DISTRICT_NAME_EN ?? DISTRICT_NAME) : DISTRICT_NAME;
  const nights = ctx.t("stats-nights", { nights: statement.totals.nights });
  return {
    district,
    issuer: ctx.t("statement-issuer", { district }),
    title: ctx.t("statement-title"),
    fields: [
      ctx.t("statement-name", { value: statement.person.name ?? "-" }),
      ...(statement.person.affiliation ? [ctx.t("statement-affiliation", { value: statement.person.affiliation })] : []),
      ctx.t("statement-period", { from: statement.period.from, to: statement.period.to }),
      ctx.t("statement-number", { number: statement.number }),
    ],
    issued: ctx.t("statement-issued", { date: statement.issuedNight }),
    columns: {
      date: ctx.t("statement-col-date"),
      team: ctx.t("statement-col-team"),
      duty: ctx.t("statement-col-duty"),
      time: ctx.t("statement-col-time"),
      hours: ctx.t("statement-col-hours"),
    },
    patrol: ctx.t("duty-patrol"),
    total: ctx.t("statement-total"),
    totals: ctx.t("statement-totals", { name: statement.person.name ?? "-", nights, hours: formatTenths(statement.totals.tenths) }),
    rule: ctx.t("statement-rule"),
    // A no-break space keeps the command and the number on one printed line, to be typed as one.
    verify: ctx.t("statement-verify", { number: statement.number, bot: ctx.me.username }).replace(`/statement ${statement.number}`, `/statement\u00a0${statement.number}`),
    verifyUrl: verifyUrl(ctx, statement.number),
    stamp: ctx.t("statement-stamp"),
    signature: ctx.t("statement-signature"),
    page: (page, pages) => ctx.t("statement-page", { page, pages }),
  };
}
