export { registerDisputeOversightRoutes } from './routes.ts';
export type { OversightDeps } from './deps.ts';
export { evaluateDisputeEscalation, watchDisputeChanges, type EscalationOutcome, type EscalationTrigger } from './use-cases/evaluate-escalation.ts';
export { fileScreening } from './use-cases/file-screening.ts';
export { designateHardCase, recordHardCaseProgress, closeHardCase } from './use-cases/hard-cases.ts';
export { prepareMeeting, recordMeeting, answerDecision } from './use-cases/meetings.ts';
export { screeningReport, hardCase, jointMeeting, meetingDecision, escalationRule, escalationSettings, escalationFlag, keyPerson } from './schema.ts';
export { ensureCountyRules } from './use-cases/escalation-rules.ts';
