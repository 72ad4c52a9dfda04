import {
  chineseCount,
  confirmationAttachments,
  confirmationDeadline,
  confirmationRequestText,
  confirmationWindowDays,
  formatDateZh,
  type JudicialConfirmationApplication,
} from '@shizhi/domain';
import { fillIn, type Block, type DocumentModel } from './layout.ts';
import { partyTable } from './parties-table.ts';

/** 司法确认申请书: the applicants jointly, the request, facts and reasons, the 30-day note, attachments, signatures. */
export function judicialConfirmationModel(application: JudicialConfirmationApplication): DocumentModel {
  const effective = application.agreement.effectiveDate;
  const deadline = effective ? `，申请期限至${formatDateZh(confirmationDeadline(effective))}` : '';
  const blocks: Block[] = [
    { kind: 'title', text: '司法确认申请书' },
    { kind: 'space', lines: 0.3 },
    ...application.applicants.map((party, i) => partyTable(party, `申请人${application.applicants.length > 1 ? chineseCount(i + 1) : ''}`)),
    { kind: 'heading', text: '请求事项' },
    { kind: 'paragraph', text: confirmationRequestText(application), indent: true },
    { kind: 'heading', text: '事实和理由' },
    { kind: 'paragraph', text: fillIn(application.factsAndReasons, 30), indent: true },
    {
      kind: 'paragraph',
      indent: true,
      text:
        `上述调解协议于${formatDateZh(effective)}生效${deadline}。根据《中华人民共和国人民调解法》第三十三条和《中华人民共和国民事诉讼法》第二百零五条的规定，` +
        `申请人在调解协议生效之日起${confirmationWindowDays}日内共同向人民法院提出本申请。`,
    },
    { kind: 'heading', text: '申请人承诺' },
    {
      kind: 'clauses',
      items: [
        '申请人出于解决纠纷的目的申请司法确认，调解协议是申请人的真实意思表示。',
        '申请人不存在恶意串通、规避法律的行为，调解协议不损害国家利益、社会公共利益和他人合法权益。',
        '申请人提交的材料真实、合法；如因虚假陈述、提交虚假材料造成他人合法权益受到损害的，愿意承担相应的法律责任。',
      ],
    },
    { kind: 'space', lines: 0.5 },
    { kind: 'paragraph', text: '此致', indent: true },
    { kind: 'paragraph', text: fillIn(application.court, 14) },
    {
      kind: 'signatures',
      items: application.applicants.map((party) => ({
        label: party.kind === 'person' ? '申请人（签名或按指印）：' : '申请人（盖章）：',
        ...(party.name ? { name: party.name } : {}),
        date: false,
      })),
    },
    { kind: 'paragraph', text: `申请日期：${formatDateZh(application.applicationDate)}`, align: 'right' },
    { kind: 'heading', text: '附件' },
    { kind: 'clauses', items: confirmationAttachments(application) },
  ];
  return { title: '司法确认申请书', blocks };
}
