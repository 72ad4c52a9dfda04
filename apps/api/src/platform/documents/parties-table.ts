import { formatDateZh, partyGenderLabels, personDetails, type DocumentParty } from '@shizhi/domain';
import { fillIn, type Block, type Cell } from './layout.ts';

/** Six columns: label, value, label, value, label, value. */
const widths = [0.15, 0.21, 0.09, 0.09, 0.14, 0.32];

const label = (text: string, span = 1): Cell => ({ text, label: true, span });
const value = (text: string | undefined, span = 1): Cell => ({ text: fillIn(text, 4), span });

/** One bordered table per party: the basic information 人民调解法 Art. 29 (1) asks for. */
export function partyTable(party: DocumentParty, heading: string): Block {
  const rows: Cell[][] = [[{ text: heading, label: true, span: 6 }]];
  if (party.kind === 'person') {
    const details = personDetails(party);
    const born = details.birthDate ? formatDateZh(details.birthDate) : details.age !== undefined ? `${details.age}岁` : undefined;
    rows.push(
      [label('姓名'), value(party.name), label('性别'), value(details.gender && partyGenderLabels[details.gender]), label('出生日期'), value(born)],
      [label('民族'), value(party.ethnicity), label('职业'), value(party.occupation, 3)],
      [label('身份证号码'), value(party.idNumber, 5)],
      [label('住址'), value(party.address, 5)],
      [label('联系电话'), value(party.phone, 5)],
    );
  } else {
    rows.push(
      [label('单位名称'), value(party.name, 5)],
      [label('统一社会信用代码'), value(party.creditCode, 5)],
      [label('法定代表人'), value(party.legalRepresentative?.name), label('职务'), value(party.legalRepresentative?.title, 3)],
      [label('住所'), value(party.address, 5)],
      [label('联系电话'), value(party.phone, 5)],
    );
  }
  if (party.agent) {
    const relation = party.agent.relation ? `（${party.agent.relation}）` : '';
    const phone = party.agent.phone ? `，联系电话：${party.agent.phone}` : '';
    rows.push([label('委托代理人'), value(`${party.agent.name}${relation}${phone}`, 5)]);
  }
  return { kind: 'table', widths, rows };
}

/** 甲方, 乙方, 丙方 … as Chinese agreements name their parties. */
export function partyOrdinal(index: number): string {
  const stems = '甲乙丙丁戊己庚辛壬癸';
  return index < stems.length ? `${stems[index]}方` : `第${index + 1}方`;
}

export const partyName = (party: DocumentParty): string | undefined => party.name;
