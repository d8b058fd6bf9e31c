import type { OutboxButton } from "../outbox/payload.js";

/** The buttons a volunteer answers a reminder with; the handler checks they are theirs. */
export function replyButtons(assignmentId: number): OutboxButton[][] {
  return [
    [
      { text: { key: "btn-coming" }, data: `sh:c:${assignmentId}` },
      { text: { key: "btn-cant-come" }, data: `sh:n:${assignmentId}` },
    ],
    [{ text: { key: "btn-find-substitute" }, data: `sh:s:${assignmentId}` }],
  ];
}

export const checkInButtons = (assignmentId: number): OutboxButton[][] => [[{ text: { key: "btn-check-in" }, data: `ci:${assignmentId}` }]];

/** On the check-in message: check out, report what was found, or call for help during the patrol. */
export const checkOutButtons = (assignmentId: number): OutboxButton[][] => [
  [{ text: { key: "btn-check-out" }, data: `co:${assignmentId}` }],
  [
    { text: { key: "btn-report" }, data: "rn" },
    { text: { key: "btn-need-help" }, data: `hp:${assignmentId}` },
  ],
];
