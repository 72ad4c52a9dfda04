import { agreementClosingText, formatDateZh, isBlank, type MediationAgreement } from '@shizhi/domain';
import { fillIn, type Block, type DocumentModel, type Signature } from './layout.ts';
import { partyOrdinal, partyTable } from './parties-table.ts';

/** 人民调解协议书, laid out in the order of 人民调解法 Art. 29; blanks print as lines to fill by hand. */
export function mediationAgreementModel(agreement: MediationAgreement): DocumentModel {
  const closing = agreementClosingText(agreement);
  const mediators = agreement.mediators.map((m) => m.name).filter((n) => !isBlank(n));
  const blocks: Block[] = [
    { kind: 'title', text: '人民调解协议书' },
    { kind: 'subtitle', text: `编号：${fillIn(agreement.number, 10)}`, align: 'right' },
    {
      kind: 'table',
      widths: [0.17, 0.33, 0.17, 0.33],
      rows: [
        [{ text: '调解组织', label: true }, { text: fillIn(agreement.organisation, 12), span: 3 }],
        [
          { text: '纠纷类型', label: true },
          { text: fillIn(agreement.disputeType, 6) },
          { text: '调解日期', label: true },
          { text: agreement.date ? formatDateZh(agreement.date) : fillIn(undefined) },
        ],
        [
          { text: '人民调解员', label: true },
          { text: fillIn(mediators.join('、'), 6) },
          { text: '调解地点', label: true },
          { text: fillIn(agreement.place, 6) },
        ],
      ],
    },
    { kind: 'heading', text: '一、当事人基本情况' },
    ...agreement.parties.map((party, i) => partyTable(party, partyOrdinal(i))),
    { kind: 'heading', text: '二、纠纷的主要事实、争议事项' },
    { kind: 'paragraph', text: fillIn(agreement.facts, 30), indent: true },
    { kind: 'paragraph', text: '争议事项：' },
    agreement.issues.some((i) => !isBlank(i)) ? { kind: 'clauses', items: agreement.issues.filter((i) => !isBlank(i)) } : { kind: 'paragraph', text: fillIn(undefined, 30) },
    { kind: 'heading', text: '三、各方当事人的责任' },
    { kind: 'paragraph', text: fillIn(agreement.responsibilities, 30), indent: true },
    { kind: 'heading', text: '四、调解协议内容' },
    { kind: 'paragraph', text: '经人民调解委员会主持调解，各方当事人在平等协商、互谅互让的基础上自愿达成如下协议：', indent: true },
    {
      kind: 'clauses',
      items: agreement.terms.length
        ? agreement.terms.map((t) => {
            const content = fillIn(t.content, 30);
            return t.deadline && !content.includes(t.deadline) ? `${content}（履行期限：${t.deadline}）` : content;
          })
        : [fillIn(undefined, 30)],
    },
    { kind: 'heading', text: '五、履行方式、期限' },
    {
      kind: 'table',
      widths: [0.17, 0.83],
      rows: [
        [{ text: '履行方式', label: true }, { text: fillIn(agreement.performanceMethod, 12) }],
        [{ text: '履行期限', label: true }, { text: fillIn(agreement.performanceDeadline, 12) }],
        ...(agreement.performancePlace ? [[{ text: '履行地点', label: true }, { text: agreement.performancePlace }]] : []),
      ],
    },
    { kind: 'heading', text: '六、协议的生效与份数' },
    { kind: 'paragraph', text: closing.effect, indent: true },
    { kind: 'paragraph', text: closing.copies, indent: true },
    { kind: 'paragraph', text: '（以下无正文）', align: 'left' },
    { kind: 'signatures', items: signatures(agreement, mediators) },
  ];
  return { title: `人民调解协议书 ${agreement.number ?? ''}`.trim(), blocks };
}

function signatures(agreement: MediationAgreement, mediators: string[]): Signature[] {
  const parties: Signature[] = agreement.parties.map((party, i) => ({
    label: party.kind === 'person' ? `${partyOrdinal(i)}（签名、盖章或按指印）：` : `${partyOrdinal(i)}（盖章）：`,
    ...(party.name ? { name: party.name } : {}),
    date: true,
  }));
  return [
    ...parties,
    { label: '人民调解员（签名）：', ...(mediators.length ? { name: mediators.join('　') } : {}), date: true },
    { label: '人民调解委员会（印章）：', date: true },
  ];
}
