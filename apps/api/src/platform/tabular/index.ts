export { detectEncoding, decodeText, encodingLabel, type DetectedEncoding, type TextEncodingName } from './encoding.ts';
export { CsvParser, openCsv } from './csv.ts';
export { openXlsx, cellText } from './xlsx.ts';
export { openTabular, sniffTabular } from './open.ts';
export { createProgressBar, formatBytes, formatDuration, type ProgressBar, type ProgressState } from './progress.ts';
export { ErrorReport, errorReportColumns, type BadRow, type ErrorReportFiles, type RowProblem } from './error-report.ts';
export { templateHeader, writeTemplate, type TemplateCodeTable, type TemplateColumn, type TemplateSpec } from './template.ts';
export { TabularError, isTabularError, type TabularErrorCode } from './errors.ts';
export { rowsOf, type CellProblem, type TabularFormat, type TabularReader, type TabularRow } from './types.ts';
