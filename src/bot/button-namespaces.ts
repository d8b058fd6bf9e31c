/**
 * Who reads which inline buttons. Callback data starts with a namespace, the part before the
 * first ":" ("rep:cat:hazard"), and each namespace belongs to one feature, whose files alone read
 * it. A dialog waiting for its buttons takes exactly its namespace, so it never swallows a press
 * meant for the roster, a card or a reminder. Namespaces on messages that stay in chats for days
 * (cards, boards, reminders) keep their old names, so buttons already sent go on working.
 * test/bot/button-namespaces.test.ts reads the code: it fails when a button's namespace is not
 * listed here, when one is read outside its feature's files, or when two features share one.
 */
export const BUTTON_NAMESPACES = {
  attendance: { namespaces: ["ci", "co"], readers: ["bot/features/attendance.ts"] },
  broadcastReceipts: { namespaces: ["bc"], readers: ["bot/features/broadcasts.ts"] },
  broadcastDialog: { namespaces: ["bd"], readers: ["bot/dialogs/broadcast.ts"] },
  dutyLog: { namespaces: ["lg"], readers: ["bot/features/log-view.ts", "bot/features/past-logs.ts"] },
  exportDialog: { namespaces: ["ex"], readers: ["bot/dialogs/export.ts"] },
  helpRequest: { namespaces: ["hp"], readers: ["bot/features/help-request.ts"] },
  incidentCards: { namespaces: ["in", "es"], readers: ["bot/features/incident-card.ts"] },
  incidentTriage: { namespaces: ["it"], readers: ["bot/features/incident-town.ts"] },
  invites: { namespaces: ["inv"], readers: ["bot/features/invite.ts"] },
  kit: { namespaces: ["kt"], readers: ["bot/features/kit.ts"] },
  kitDialogs: { namespaces: ["kd"], readers: ["bot/dialogs/kit-count.ts", "bot/dialogs/kit-report.ts"] },
  levelDialog: { namespaces: ["lv"], readers: ["bot/dialogs/level.ts"] },
  membership: { namespaces: ["lt", "fg"], readers: ["bot/features/membership.ts"] },
  /** "rn" is the 📝 Report button on check-in messages. */
  report: { namespaces: ["rep", "rn"], readers: ["bot/dialogs/report.ts", "bot/dialogs/report-emergency.ts", "bot/features/reports.ts"] },
  roster: { namespaces: ["rb", "mp", "hl", "hs", "ra", "rp", "rr", "rx"], readers: ["bot/features/roster.ts"] },
  rules: { namespaces: ["ru"], readers: ["bot/features/rules.ts"] },
  rulesDialog: { namespaces: ["rd"], readers: ["bot/dialogs/rules.ts"] },
  shiftAnswers: { namespaces: ["sh", "sn", "sl", "sq"], readers: ["bot/features/shift-answers.ts", "bot/features/typed-shift-answers.ts"] },
  signupDialog: { namespaces: ["sg"], readers: ["bot/dialogs/signup.ts"] },
  signupReview: { namespaces: ["su"], readers: ["bot/features/signup-review.ts"] },
  spotCheckDialog: { namespaces: ["sc"], readers: ["bot/dialogs/spot-check.ts"] },
  stats: { namespaces: ["st"], readers: ["bot/features/stats.ts"] },
  team: { namespaces: ["tm"], readers: ["bot/features/team.ts"] },
  tips: { namespaces: ["tl"], readers: ["bot/features/tips.ts"] },
  /** "tp:<command>:<team>": each command reads its own second part (teamPickPattern). */
  teamPicker: { namespaces: ["tp"], readers: ["bot/team-picker.ts"] },
  volunteerPlans: { namespaces: ["jo", "ld"], readers: ["bot/features/volunteer-plans.ts"] },
} as const satisfies Record<string, { namespaces: readonly string[]; readers: readonly string[] }>;
