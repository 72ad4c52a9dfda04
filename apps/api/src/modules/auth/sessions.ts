import { createHash, randomBytes } from 'node:crypto';

export const sessionCookie = 'shizhi_session';
export const csrfCookie = 'shizhi_csrf';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only the hash is stored, so a database dump does not hand out live sessions. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
