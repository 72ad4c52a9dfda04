export { registerFileRoutes } from './routes.ts';
export { fileObject, eventAttachment } from './schema.ts';
