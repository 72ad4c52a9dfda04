import { createHash } from 'node:crypto';
import type { OrganisationRecord } from '@shizhi/domain';
import { boolText, byteaText, numberTextOrNull, textArrayText } from './copy-text.ts';
import type { KindPlan, PlanColumn, Prepared } from './plan.ts';
import { checkGrid } from './places-check.ts';

const columns: readonly PlanColumn[] = [
  { column: 'code', field: 'code', diff: 'plain' },
  { column: 'name', field: 'name', diff: 'plain' },
  { column: 'kind', field: 'kind', diff: 'plain' },
  { column: 'category', field: 'category', diff: 'plain' },
  { column: 'address', field: 'address', diff: 'plain' },
  { column: 'legal_rep_name', field: 'legalRepName', diff: 'plain' },
  { column: 'legal_rep_id_enc', diff: 'none' },
  { column: 'legal_rep_id_bidx', field: 'legalRepIdNumber', diff: 'personal' },
  { column: 'legal_rep_phone_enc', diff: 'none' },
  { column: 'legal_rep_phone_bidx', field: 'legalRepPhone', diff: 'personal' },
  { column: 'security_head_name', field: 'securityHeadName', diff: 'plain' },
  { column: 'employees', field: 'employees', diff: 'plain' },
  { column: 'hazardous_chemicals', field: 'hazardousChemicals', diff: 'plain' },
  { column: 'hazard_type', field: 'hazardType', diff: 'plain' },
  { column: 'attention_level', field: 'attentionLevel', diff: 'plain' },
  { column: 'party_org', field: 'partyOrg', diff: 'plain' },
  { column: 'school_type', field: 'schoolType', diff: 'plain' },
  { column: 'students', field: 'students', diff: 'plain' },
  { column: 'staff', field: 'staff', diff: 'plain' },
  { column: 'security_staff', field: 'securityStaff', diff: 'plain' },
  { column: 'principal_name', field: 'principalName', diff: 'plain' },
];

/** 实有单位: matched by code (统一社会信用代码 or 登记证号) within the county. */
export const organisationsPlan: KindPlan = {
  table: 'organisation',
  entity: 'organisation',
  keySql: 'code',
  keyMatchSql: 'code = any($2::text[])',
  keyIndex: 'organisation_code_key',
  columns,
  refColumns: [],

  prepare(rows, context) {
    const orgs = rows.map((r) => r.record as OrganisationRecord);
    const ids = context.cipher.seal('id', orgs.map((o) => o.legalRepIdNumber));
    const phones = context.cipher.seal('phone', orgs.map((o) => o.legalRepPhone));
    return rows.map(({ flags }, i): Prepared => {
      const o = orgs[i]!;
      const checked = checkGrid(o.gridCode ?? '', context);
      if ('problem' in checked) return { problems: [checked.problem] };
      const id = ids[i];
      const phone = phones[i];
      const values: Record<string, string | null> = {
        code: o.code,
        name: o.name,
        kind: o.kind,
        category: o.category,
        address: o.address,
        legal_rep_name: o.legalRepName,
        legal_rep_id_enc: byteaText(id?.enc),
        legal_rep_id_bidx: byteaText(id?.bidx),
        legal_rep_phone_enc: byteaText(phone?.enc),
        legal_rep_phone_bidx: byteaText(phone?.bidx),
        security_head_name: o.securityHeadName,
        employees: numberTextOrNull(o.employees),
        hazardous_chemicals: boolText(o.hazardousChemicals),
        hazard_type: o.hazardType,
        attention_level: o.attentionLevel,
        party_org: boolText(o.partyOrg),
        school_type: o.schoolType,
        students: numberTextOrNull(o.students),
        staff: numberTextOrNull(o.staff),
        security_staff: numberTextOrNull(o.securityStaff),
        principal_name: o.principalName,
        problems: textArrayText(flags),
      };
      const hash = createHash('sha1')
        .update(JSON.stringify([o, id?.bidx.toString('hex') ?? null, phone?.bidx.toString('hex') ?? null], (k, v: unknown) => (k === 'legalRepIdNumber' || k === 'legalRepPhone' ? undefined : v)))
        .digest('base64');
      return { candidate: { key: o.code, hash, grid: checked.grid, values, refs: {} } };
    });
  },

  async resolve() {
    return new Map();
  },
};
