export { registerFileRoutes } from './routes.ts';
export { fileObject, eventAttachment } from './schema.ts';
export { acceptRawPhotos, storePhoto, storedPhotoSchema, type StoredPhoto } from './upload.ts';
export { fileJobs, removeUnclaimedUploads, unclaimedUploadHours } from './unclaimed.ts';
