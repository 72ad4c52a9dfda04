export * from './parties.ts';
export * from './mediation-agreement.ts';
export * from './supervision-order.ts';
export * from './judicial-confirmation.ts';
export * from './samples.ts';
