export { registerOpen311Routes, open311Prefix } from './routes.ts';
