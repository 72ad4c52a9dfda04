export { registerEventRoutes } from './routes.ts';
export { ensureDefaultCatalogue, currentCategories, findCurrentCategory, type Category } from './catalogue.ts';
export { GridLocator } from './grid-locator.ts';
export { FilingQueue } from './filing-queue.ts';
export { fileEvent, reportEvent, filerFromActor, type EventsDeps, type Filer, type ReportResult } from './use-cases/report-event.ts';
export { actOnEvent, partiesOf, snapshotOf } from './use-cases/act-on-event.ts';
export type { DeadlineCalendar } from './clocks.ts';
export {
  event,
  eventTask,
  eventTimeline,
  eventClock,
  eventCategory,
  eventWarning,
  supervisionOrder,
  apiClient,
  eventFact,
  eventDailyStats,
} from './schema.ts';
export {
  sweepDeadlines,
  startDeadlineSweeper,
  type FiredWarning,
  type DeadlineDeps,
  type DeadlineSweep,
  type SweepOptions,
} from './deadline-engine.ts';
export { defaultCalendar } from './calendar.ts';
export { rateAsPublicReporter, type PublicRatingResult } from './use-cases/rate-as-public-reporter.ts';
export { eventSummariesByIds } from './queries.ts';
export { ownerPathFor, parentCentrePath } from './places.ts';
export { duplicateWindow } from './duplicates.ts';
