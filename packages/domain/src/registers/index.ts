export * from './codes.ts';
export * from './records.ts';
export * from './divisions.ts';
export * from './uscc.ts';
