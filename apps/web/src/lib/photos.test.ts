import { describe, expect, it } from 'vitest';
import { uploadPhotos, type PhotoUploadProgress } from './photos.ts';

const photo = (id: string, bytes: number) => ({ id, blob: new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }) });

describe('uploadPhotos', () => {
  it('uploads in order with progress over all the bytes, and sends only the rest after a failure', async () => {
    const sent: string[] = [];
    let failNext = false;
    const upload = async (blob: Blob, onProgress: (fraction: number) => void) => {
      if (failNext) {
        failNext = false;
        throw new Error('network');
      }
      onProgress(0.5);
      onProgress(1);
      sent.push(String(blob.size));
      return { id: `sha-${blob.size}` };
    };
    const photos = [photo('a', 100), photo('b', 300)];
    const uploaded = new Map<string, string>();
    const progress: PhotoUploadProgress[] = [];

    // The second photo fails: the first one's id is kept.
    let calls = 0;
    const flaky = async (blob: Blob, onProgress: (fraction: number) => void) => {
      calls += 1;
      if (calls === 2) failNext = true;
      return upload(blob, onProgress);
    };
    await expect(uploadPhotos(photos, flaky, uploaded)).rejects.toThrow('network');
    expect([...uploaded.entries()]).toEqual([['a', 'sha-100']]);

    const ids = await uploadPhotos(photos, upload, uploaded, (p) => progress.push(p));
    expect(ids).toEqual(['sha-100', 'sha-300']);
    expect(sent).toEqual(['100', '300']);
    expect(progress[0]).toEqual({ done: 1, total: 2, fraction: 0.25 });
    expect(progress).toContainEqual({ done: 1, total: 2, fraction: 0.625 });
    expect(progress.at(-1)).toEqual({ done: 2, total: 2, fraction: 1 });
    expect(progress.map((p) => p.fraction)).toEqual([...progress.map((p) => p.fraction)].sort((x, y) => x - y));
  });

  it('has nothing to do without photos', async () => {
    expect(await uploadPhotos([], () => Promise.reject(new Error('not called')), new Map())).toEqual([]);
  });
});
