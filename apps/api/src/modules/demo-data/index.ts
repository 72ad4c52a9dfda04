export { seedDistrict, defaultDemoCounty, type SeedOptions, type SeedSummary } from './seed.ts';
export {
  planDistrict,
  demoAccounts,
  demoScales,
  seedScaleTargets,
  type DemoAccount,
  type DemoAccountSource,
  type DemoScale,
  type DistrictCounts,
  type DistrictPlan,
  type PlanOptions,
} from './plan.ts';
export { loadDivisions, availableCounties, type DivisionExtract } from './divisions.ts';
export { seedEventHistory, type EventHistoryOptions, type EventHistorySummary } from './event-history.ts';
export { eventHistoryVolumes } from './event-history/plan-history.ts';
export type { HistoryStats } from './event-history/stats.ts';
export { seedDisputeHistory, type DisputeHistoryOptions, type DisputeHistorySummary } from './dispute-history.ts';
export { disputeHistoryVolumes } from './dispute-history/plan.ts';
export { seedRegisters, type RegisterCounts, type RegisterSeedOptions, type RegisterSeedSummary } from './registers.ts';
export { seedScaleRecords, seedScaleRegisters } from './registers/volumes.ts';
