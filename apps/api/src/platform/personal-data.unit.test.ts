import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PersonalDataCipher, PersonalDataError, normalisePersonal, personalDataCipherFor } from './personal-data.ts';

const key = Buffer.alloc(32, 1);

describe('personal data cipher', () => {
  it('seals a batch so nothing of the clear value shows, and opens each value again', () => {
    const cipher = new PersonalDataCipher(key);
    const values = ['15060219800101123X', '150602198001011248', null, '', '13912345678'];
    const sealed = cipher.seal('id', values);
    expect(sealed[2]).toBeNull();
    expect(sealed[3]).toBeNull();
    for (const [i, s] of sealed.entries()) {
      if (!s) continue;
      expect(s.enc.includes(Buffer.from(values[i]!))).toBe(false);
      expect(s.enc.subarray(16).includes(Buffer.from(values[i]!.slice(0, 6)))).toBe(false);
      expect(cipher.open('id', s.enc, s.bidx)).toBe(values[i]);
    }
  });

  it('gives the same value the same blind index but a different ciphertext each time', () => {
    const cipher = new PersonalDataCipher(key);
    const [a] = cipher.seal('id', ['15060219800101123x']);
    const [b] = cipher.seal('id', ['15060219800101123X']);
    expect(a!.bidx.equals(b!.bidx)).toBe(true);
    expect(a!.enc.equals(b!.enc)).toBe(false);
    expect(cipher.blindIndex('id', '１５０６０２１９８００１０１１２３Ｘ').equals(a!.bidx)).toBe(true);
    // An ID number and a phone with the same digits do not share an index.
    expect(cipher.blindIndex('phone', '13912345678').equals(cipher.blindIndex('id', '13912345678'))).toBe(false);
  });

  it('refuses an altered ciphertext, a swapped index and the wrong key', () => {
    const cipher = new PersonalDataCipher(key);
    const [a, b] = cipher.seal('phone', ['13912345678', '13812345678']);
    const altered = Buffer.from(a!.enc);
    altered[altered.length - 1]! ^= 1;
    expect(() => cipher.open('phone', altered, a!.bidx)).toThrow(PersonalDataError);
    expect(() => cipher.open('phone', a!.enc, b!.bidx)).toThrow(PersonalDataError);
    expect(() => new PersonalDataCipher(Buffer.alloc(32, 2)).open('phone', a!.enc, a!.bidx)).toThrow(PersonalDataError);
  });

  it('normalises full-width digits, spaces and the lower-case check character', () => {
    expect(normalisePersonal('id', ' １５０６０２ 19800101123x ')).toBe('15060219800101123X');
    expect(normalisePersonal('phone', '(0477) 8123-456')).toBe('04778123-456');
  });

  it('takes the key from SHIZHI_DATA_KEY, or generates one key file in the data directory and keeps it', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shizhi-key-'));
    const first = personalDataCipherFor({ dataDir, SHIZHI_DATA_KEY: undefined });
    const [sealed] = first.seal('id', ['150602198001011248']);
    const file = path.join(dataDir, 'secrets', 'personal-data.key');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const again = personalDataCipherFor({ dataDir, SHIZHI_DATA_KEY: undefined });
    expect(again.open('id', sealed!.enc, sealed!.bidx)).toBe('150602198001011248');
    const configured = personalDataCipherFor({ dataDir, SHIZHI_DATA_KEY: key.toString('base64') });
    expect(() => configured.open('id', sealed!.enc, sealed!.bidx)).toThrow(PersonalDataError);
  });
});
