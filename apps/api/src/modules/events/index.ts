export { registerEventRoutes } from './routes.ts';
export { ensureDefaultCatalogue } from './catalogue.ts';
export { GridLocator } from './grid-locator.ts';
export type { EventsDeps } from './use-cases/report-event.ts';
export type { DeadlineCalendar } from './clocks.ts';
