export { importDir, importPlans, kindName, markInterruptedImports, runImport, type ImportMode, type ImportPhase, type ImportProgress, type ImportSummary, type RunImportOptions } from './run-import.ts';
export type { ImportActor } from './plan.ts';
export { samplePopulationHeader, samplePopulationRows, writeSamplePopulationCsv } from './sample-files.ts';
export { registerImportRoutes, templateSpec } from './routes.ts';
export { maxImportBytes } from './upload.ts';
