export * from './errors.ts';
export * from './id-number.ts';
export * from './roles.ts';
export * from './org.ts';
export * from './auth.ts';
export * from './people.ts';
export * from './admin.ts';
export * from './events/workflow.ts';
