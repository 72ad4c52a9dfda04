export { registerDisputeRoutes } from './routes.ts';
export type { DisputesDeps } from './use-cases/open-case.ts';
export { openCase, earlierCasesOf, type NewCase } from './use-cases/open-case.ts';
export { actOnDispute } from './use-cases/act-on-dispute.ts';
export { sweepDisputeDeadlines, type FiredDisputeWarning } from './deadline-sweep.ts';
export {
  mediationOrg,
  mediator,
  disputeCase,
  disputeParty,
  disputeSession,
  disputeFollowUp,
  disputeTimeline,
  disputeClock,
  disputeWarning,
} from './schema.ts';
export { disputeNumber } from './numbers.ts';
