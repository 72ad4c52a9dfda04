import { createCipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from './config.ts';

/**
 * Personal values (公民身份号码, phone numbers) are stored so that a database dump alone does not
 * reveal them: each value is encrypted (AES-256-CTR, a fresh 16-byte counter block in front of the
 * ciphertext) and carries a blind index (HMAC-SHA256 of the normalised value, truncated to 16 bytes)
 * that allows exact search and, because it is keyed and computed over the clear value, also proves on
 * decryption that neither the ciphertext nor the index was altered (SIV-style). Both keys are derived
 * from one 32-byte master key (HKDF-SHA256) that lives in configuration, never in the database.
 *
 * Counters: a sealed batch draws one random 128-bit start and gives each value its own two-block
 * range, so a whole batch is encrypted with one keystream call (an import seals millions of values).
 */

export type PersonalKind = 'id' | 'phone';

export interface Sealed {
  enc: Buffer;
  bidx: Buffer;
}

const blockBytes = 16;
const indexBytes = 16;
/** Longest value (characters) that fits the per-value keystream share; longer values are refused. */
export const maxPersonalValueLength = 64;
const shareBlocks = Math.ceil((maxPersonalValueLength * 3) / blockBytes);

export class PersonalDataError extends Error {
  override name = 'PersonalDataError';
}

/** ID numbers: trimmed, upper case (the X check character), full-width digits made ASCII. Phones: digits and '-' only. */
export function normalisePersonal(kind: PersonalKind, value: string): string {
  const ascii = value.trim().replace(/[０-９Ｘｘ－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  return kind === 'id' ? ascii.toUpperCase().replace(/\s+/g, '') : ascii.replace(/[\s()（）]/g, '');
}

function addToCounter(counter: Buffer, blocks: number): Buffer {
  const out = Buffer.from(counter);
  let carry = blocks;
  for (let i = blockBytes - 1; i >= 0 && carry > 0; i--) {
    const sum = out[i]! + (carry & 0xff);
    out[i] = sum & 0xff;
    carry = Math.floor(carry / 256) + (sum >> 8);
  }
  return out;
}

export class PersonalDataCipher {
  readonly #encKey: Buffer;
  readonly #indexKey: Buffer;

  constructor(masterKey: Buffer) {
    if (masterKey.length !== 32) throw new PersonalDataError('the personal-data key must be 32 bytes');
    this.#encKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'shizhi personal data: encryption', 32));
    this.#indexKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'shizhi personal data: blind index', 32));
  }

  /** The blind index of one value (exact search): the same value always gives the same 16 bytes. */
  blindIndex(kind: PersonalKind, value: string): Buffer {
    return this.#index(kind, normalisePersonal(kind, value));
  }

  #index(kind: PersonalKind, normalised: string): Buffer {
    return createHmac('sha256', this.#indexKey).update(kind).update('\0').update(normalised).digest().subarray(0, indexBytes);
  }

  /** Seals a batch of values of one kind; null and empty values stay null. */
  seal(kind: PersonalKind, values: readonly (string | null | undefined)[]): (Sealed | null)[] {
    const start = randomBytes(blockBytes);
    const stream = createCipheriv('aes-256-ctr', this.#encKey, start).update(Buffer.alloc(values.length * shareBlocks * blockBytes));
    return values.map((value, i) => {
      if (value == null) return null;
      const clear = normalisePersonal(kind, value);
      if (clear === '') return null;
      if (clear.length > maxPersonalValueLength) throw new PersonalDataError(`a personal value longer than ${maxPersonalValueLength} characters`);
      const plain = Buffer.from(clear, 'utf8');
      const offset = i * shareBlocks * blockBytes;
      const enc = Buffer.allocUnsafe(blockBytes + plain.length);
      addToCounter(start, i * shareBlocks).copy(enc, 0);
      for (let j = 0; j < plain.length; j++) enc[blockBytes + j] = plain[j]! ^ stream[offset + j]!;
      return { enc, bidx: this.#index(kind, clear) };
    });
  }

  sealOne(kind: PersonalKind, value: string | null | undefined): Sealed | null {
    return this.seal(kind, [value])[0]!;
  }

  /** Opens a sealed value; a value that does not match its blind index was altered and is refused. */
  open(kind: PersonalKind, enc: Uint8Array, bidx: Uint8Array): string {
    const bytes = Buffer.from(enc);
    if (bytes.length <= blockBytes) throw new PersonalDataError('sealed value too short');
    const decipher = createCipheriv('aes-256-ctr', this.#encKey, bytes.subarray(0, blockBytes));
    const clear = Buffer.concat([decipher.update(bytes.subarray(blockBytes)), decipher.final()]).toString('utf8');
    const expected = this.#index(kind, clear);
    const given = Buffer.from(bidx);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new PersonalDataError('sealed value does not match its blind index (wrong key or altered data)');
    }
    return clear;
  }

  /** Opens a nullable pair (both columns null → null). */
  openOrNull(kind: PersonalKind, enc: Uint8Array | null, bidx: Uint8Array | null): string | null {
    return enc && bidx ? this.open(kind, enc, bidx) : null;
  }
}

/**
 * The cipher for this deployment: `SHIZHI_DATA_KEY` (32 bytes, base64) when set, which production
 * must do (keep it in the secret store, not next to the database); otherwise a key generated once into
 * `<data dir>/secrets/personal-data.key` (mode 0600), which is enough for the embedded demo — the
 * database files alone still reveal nothing.
 */
export function personalDataCipherFor(config: Pick<Config, 'SHIZHI_DATA_KEY' | 'dataDir'>): PersonalDataCipher {
  if (config.SHIZHI_DATA_KEY) return new PersonalDataCipher(Buffer.from(config.SHIZHI_DATA_KEY, 'base64'));
  const file = path.join(config.dataDir, 'secrets', 'personal-data.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    try {
      fs.writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // Another process created it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return new PersonalDataCipher(Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64'));
}
