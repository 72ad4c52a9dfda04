import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { shanghaiDateOf } from '@shizhi/domain';
import type { Executor } from '../../platform/db/client.ts';

/** TJ + county + yyyymmdd (China date) + 6-digit sequence: 调解 case numbers never collide across processes. */
export async function nextDisputeNumber(tx: Executor, countyCode: string, now: Date): Promise<string> {
  const result = await tx.execute<{ n: string | number }>(sql`select nextval('dispute_number_seq') as n`);
  return disputeNumber(countyCode, now, Number(result.rows[0]!.n));
}

export function disputeNumber(countyCode: string, at: Date, sequence: number): string {
  return `TJ${countyCode}${shanghaiDateOf(at).replaceAll('-', '')}${String(sequence % 1_000_000).padStart(6, '0')}`;
}

// The alphabet of `trackingCodeSchema`: Crockford-style, without I, L, O, U, read aloud without confusion.
const trackingAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The code an applicant follows their case by: 10 characters, 50 random bits. */
export function newTrackingCode(): string {
  return [...randomBytes(10)].map((b) => trackingAlphabet[b % 32]).join('');
}
