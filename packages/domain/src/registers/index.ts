export * from './codes.ts';
export * from './records.ts';
