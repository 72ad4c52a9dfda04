import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Accepted uploads: photos from phones and cameras. The type is checked from the bytes, not the header. */
const signatures: { mime: string; test: (b: Buffer) => boolean }[] = [
  { mime: 'image/jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { mime: 'image/png', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { mime: 'image/webp', test: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
];

export const maxUploadBytes = 10 * 1024 * 1024;

export function sniffMime(bytes: Buffer): string | null {
  return signatures.find((s) => s.test(bytes))?.mime ?? null;
}

/**
 * Content-addressed files on disk under `<dataDir>/files/ab/cd/<sha256>`: writes are idempotent and
 * atomic (temp file, then rename), so a retried upload never leaves half a file.
 */
export class FileStore {
  constructor(private readonly root: string) {}

  pathOf(sha256: string): string {
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(bytes: Buffer): Promise<string> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const target = this.pathOf(sha256);
    if (fs.existsSync(target)) return sha256;
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
    await fs.promises.writeFile(temp, bytes);
    await fs.promises.rename(temp, target);
    return sha256;
  }

  /** Removes a file's bytes; a file already gone is not an error. */
  async remove(sha256: string): Promise<void> {
    await fs.promises.rm(this.pathOf(sha256), { force: true });
  }

  read(sha256: string): fs.ReadStream | null {
    const file = this.pathOf(sha256);
    return fs.existsSync(file) ? fs.createReadStream(file) : null;
  }
}
