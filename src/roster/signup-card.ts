import type { OutboxButton, TextRef } from "../outbox/payload.js";

/** The card a team's leads get for a signup, and what it turns into once decided. */
export const signupCardGroup = (membershipId: number) => `signup:${membershipId}`;

export interface SignupFacts {
  membershipId: number;
  name: string;
  phone: string | null;
  weekdays: number;
  team: string;
}

export function signupCardText(f: SignupFacts): TextRef {
  return { key: "card-signup", args: { name: f.name, phone: f.phone ?? "-", weekdays: { weekdays: f.weekdays }, team: f.team } };
}

export function signupCardButtons(membershipId: number): OutboxButton[][] {
  return [
    [
      { text: { key: "btn-approve" }, data: `su:a:${membershipId}` },
      { text: { key: "btn-reject" }, data: `su:r:${membershipId}` },
    ],
  ];
}

export function decidedCardText(f: SignupFacts, decision: "approved" | "rejected", by: string): TextRef {
  return {
    key: "card-signup-decided",
    // No phone: the decided card stays in every recipient's chat, whoever they are.
    args: { name: f.name, weekdays: { weekdays: f.weekdays }, team: f.team, decision: { key: `decision-${decision}` }, by },
  };
}

/** Reads the card's callback data. It is only a claim: the handler checks who pressed it. */
export function parseSignupDecision(data: string): { decision: "approve" | "reject"; membershipId: number } | null {
  const match = /^su:([ar]):(\d{1,9})$/.exec(data);
  if (!match) return null;
  return { decision: match[1] === "a" ? "approve" : "reject", membershipId: Number(match[2]) };
}
