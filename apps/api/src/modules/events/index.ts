export { registerEventRoutes } from './routes.ts';
export { ensureDefaultCatalogue, currentCategories, findCurrentCategory, type Category } from './catalogue.ts';
export { GridLocator } from './grid-locator.ts';
export { fileEvent, reportEvent, filerFromActor, type EventsDeps, type Filer, type ReportResult } from './use-cases/report-event.ts';
export { actOnEvent, partiesOf, snapshotOf } from './use-cases/act-on-event.ts';
export type { DeadlineCalendar } from './clocks.ts';
export { event, eventTask, eventTimeline, eventClock, eventCategory, eventWarning, supervisionOrder, apiClient } from './schema.ts';
