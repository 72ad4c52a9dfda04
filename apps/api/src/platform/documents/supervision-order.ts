import { formatDateZh, isBlank, type SupervisionOrder } from '@shizhi/domain';
import { fillIn, type Cell, type DocumentModel } from './layout.ts';

const label = (text: string): Cell => ({ text, label: true });
const value = (text: string | undefined, span = 1, minHeight?: number): Cell => ({ text: fillIn(text, 4), span, ...(minHeight ? { minHeight } : {}) });
const date = (d: string | undefined): string => (d ? formatDateZh(d) : '　　年　　月　　日');

/** 督办单: the order on top, the reply section for the recipient below it, on one sheet when it fits. */
export function supervisionOrderModel(order: SupervisionOrder): DocumentModel {
  const requirements = order.requirements.filter((r) => !isBlank(r));
  const reply = order.reply;
  return {
    title: `督办单 ${order.number ?? ''}`.trim(),
    blocks: [
      { kind: 'title', text: '督　办　单' },
      { kind: 'subtitle', text: `编号：${fillIn(order.number, 10)}`, align: 'right' },
      {
        kind: 'table',
        widths: [0.17, 0.33, 0.17, 0.33],
        rows: [
          [label('督办单位'), value(order.issuer, 3)],
          [label('承办单位'), value(order.recipient, 3)],
          [label('督办事项'), value(order.matter, 3)],
          ...(order.source ? [[label('事项来源'), value(order.source, 3)]] : []),
          ...(order.matterDetail ? [[label('基本情况'), value(order.matterDetail, 3)]] : []),
          [label('督办要求'), value(requirements.map((r, i) => `${i + 1}．${r}`).join('\n'), 3, 60)],
          [label('办结时限'), { text: date(order.dueDate) }, label('签发日期'), { text: date(order.issuedDate) }],
          [label('联系人'), value(order.contact.name), label('联系电话'), value(order.contact.phone)],
          [label('签发人'), value(order.signatory, 1, 48), label('督办单位（盖章）'), { text: '', minHeight: 48 }],
        ],
      },
      { kind: 'paragraph', text: '请承办单位于办结时限前填写下栏并加盖公章，报送督办单位；未能按期办结的，应书面说明原因及下一步措施。' },
      { kind: 'heading', text: '办理情况回复（承办单位填写）' },
      {
        kind: 'table',
        widths: [0.17, 0.33, 0.17, 0.33],
        rows: [
          [label('办理情况'), { text: reply?.content ?? '', span: 3, minHeight: 130 }],
          [label('承办人'), { text: reply?.handler ?? '', minHeight: 30 }, label('单位负责人（签字）'), { text: reply?.head ?? '' }],
          [label('承办单位（盖章）'), { text: '', minHeight: 48 }, label('回复日期'), { text: date(reply?.date) }],
        ],
      },
    ],
  };
}
