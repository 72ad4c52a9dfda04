export * from './screening.ts';
export * from './hard-cases.ts';
export * from './meetings.ts';
export * from './escalation.ts';
