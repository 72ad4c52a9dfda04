export { registerScorecardRoutes } from './routes.ts';
