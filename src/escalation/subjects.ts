import { incidentSubject } from "../incidents/incident-subject.js";
import { helpSubject, missingLogSubject, understaffedSubject } from "../shifts/escalation-subjects.js";
import type { SubjectHandler, SubjectKind } from "./subject.js";

export const SUBJECTS: Record<SubjectKind, SubjectHandler> = {
  incident: incidentSubject,
  understaffed: understaffedSubject,
  missing_log: missingLogSubject,
  help: helpSubject,
};
