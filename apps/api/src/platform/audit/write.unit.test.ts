import { describe, expect, it } from 'vitest';
import { auditChainOf, auditChainShards, auditHash, auditPayload, canonicalJson, type AuditRecord } from './write.ts';

const record: AuditRecord = {
  chain: '150602',
  seq: 1,
  at: '2026-03-02T01:00:00.000Z',
  actorId: null,
  actorName: 'system',
  action: 'seed.district',
  entityType: 'org_unit',
  entityId: '150602',
  orgPath: '15.1506.150602',
  countyCode: '150602',
  detail: { b: 1, a: { d: [1, 2], c: '东胜' } },
};

describe('audit hashing', () => {
  it('canonicalises key order at every depth, as jsonb does not keep it', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe('{"a":{"c":3,"d":2},"b":1}');
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
  });

  it('changes the hash when the content or the previous link changes', () => {
    const genesis = '0'.repeat(64);
    const h = auditHash(genesis, record);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(auditHash(genesis, { ...record, detail: { a: { c: '东胜', d: [1, 2] }, b: 1 } })).toBe(h);
    expect(auditHash(genesis, { ...record, actorName: 'someone' })).not.toBe(h);
    expect(auditHash('1'.repeat(64), record)).not.toBe(h);
  });
});

describe('audit payload for audit_append()', () => {
  it('leaves seq to the database: canon plus ,"seq":N} is the record the hash covers', () => {
    const actor = { id: null, name: 'system' };
    const [entry] = auditPayload(new Date(record.at), actor, [
      { action: record.action, entityType: record.entityType, entityId: record.entityId, orgPath: record.orgPath, detail: record.detail },
    ]);
    expect(entry!.chain).toMatch(/^150602:[0-7]$/);
    expect(`${entry!.canon.slice(0, -1)},"seq":1}`).toBe(canonicalJson({ ...record, chain: entry!.chain }));
  });
});

describe('audit chains', () => {
  it('keeps an entity in one chain of its county and spreads entities over all of them', () => {
    const chains = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const entityId = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
      const chain = auditChainOf({ countyCode: '150602', entityId });
      expect(auditChainOf({ orgPath: '15.1506.150602.150602001', entityId })).toBe(chain);
      chains.add(chain);
    }
    expect([...chains].sort()).toEqual(Array.from({ length: auditChainShards }, (_, k) => `150602:${k}`));
    expect(auditChainOf({ entityId: 'x' })).toBe('system');
  });
});
