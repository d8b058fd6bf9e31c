import type { Statement } from "../../stats/issue-statement.js";
import { formatHours } from "../../stats/hours.js";
import type { StatementLabels } from "../../stats/statement-pdf.js";
import type { DialogContext } from "../context.js";

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
    totals: ctx.t("statement-totals", { name: statement.person.name ?? "-", nights, hours: formatHours(statement.totals.minutes) }),
    rule: ctx.t("statement-rule"),
    page: (page, pages) => ctx.t("statement-page", { page, pages }),
  };
}
