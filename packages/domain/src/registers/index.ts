export * from './codes.ts';
export * from './records.ts';
export * from './divisions.ts';
export * from './uscc.ts';
export * from './columns.ts';
export * from './quality.ts';
export * from './validate.ts';
export * from './schemas.ts';
