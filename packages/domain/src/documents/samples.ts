import { makeIdNumber } from '../id-number.ts';
import type { JudicialConfirmationApplicationInput } from './judicial-confirmation.ts';
import type { MediationAgreementInput } from './mediation-agreement.ts';
import type { SupervisionOrderInput } from './supervision-order.ts';

/**
 * Complete, made-up documents (synthetic people, valid ID numbers): the examples in docs/documents.md,
 * the documents the tests and the benchmark render, and a preview for forms.
 */
export const sampleMediationAgreement: MediationAgreementInput = {
  number: '〔2025〕东调字第0128号',
  organisation: '鄂尔多斯市东胜区交通街道天骄社区人民调解委员会',
  disputeType: '邻里纠纷',
  parties: [
    {
      kind: 'person',
      name: '王建国',
      gender: 'male',
      birthDate: '1968-04-12',
      ethnicity: '汉族',
      idNumber: makeIdNumber('150602', '1968-04-12', 231),
      occupation: '个体经营',
      address: '内蒙古自治区鄂尔多斯市东胜区天骄北路16号院3号楼2单元502室',
      phone: '13847712345',
    },
    {
      kind: 'person',
      name: '李秀兰',
      gender: 'female',
      birthDate: '1975-09-30',
      ethnicity: '蒙古族',
      idNumber: makeIdNumber('150602', '1975-09-30', 148),
      occupation: '教师',
      address: '内蒙古自治区鄂尔多斯市东胜区天骄北路16号院3号楼2单元402室',
      phone: '13904775678',
      agent: { name: '张伟', relation: '配偶', phone: '13904770001' },
    },
  ],
  facts:
    '2025年2月起，申请人李秀兰家（402室）卫生间顶棚多次渗水，墙面霉变、吊顶脱落。经社区网格员现场查看并请物业公司检测，' +
    '渗水系楼上王建国家（502室）卫生间防水层老化、地漏周边密封失效所致。双方多次协商未果，李秀兰于2025年3月10日向社区人民调解委员会申请调解。' +
    '调解过程中，调解员组织双方现场查看、听取物业公司维修人员意见，并向双方释明《中华人民共和国民法典》关于相邻关系的规定。',
  issues: ['渗水的原因及责任由谁承担', '402室吊顶、墙面的修复费用数额及支付方式', '502室卫生间防水层的维修时间安排'],
  responsibilities: '渗水系502室卫生间防水层老化所致，王建国承担全部维修责任及402室的损失；李秀兰应为维修施工提供必要便利。',
  terms: [
    { content: '王建国于2025年4月15日前委托具有资质的施工单位重做502室卫生间防水层，施工完毕后做闭水试验48小时，并通知李秀兰到场查看。', deadline: '2025年4月15日前' },
    { content: '王建国一次性赔偿李秀兰吊顶、墙面修复费用及其他损失共计人民币肆仟伍佰元整（¥4,500.00）。', deadline: '2025年3月31日前' },
    { content: '李秀兰在施工期间为施工人员进入402室查看、检测提供便利，不得无故阻拦。' },
    { content: '本协议履行完毕后，双方就本次渗水纠纷再无其他争议，互不追究。' },
  ],
  performanceMethod: '第二条款项由王建国通过银行转账支付至李秀兰指定账户（中国农业银行，尾号6218），以银行转账凭证为履行凭据；第一条维修事项由社区调解委员会回访确认。',
  performanceDeadline: '全部义务于2025年4月15日前履行完毕',
  performancePlace: '东胜区天骄北路16号院3号楼2单元',
  mediators: [{ name: '赵淑芬' }, { name: '高志刚' }],
  date: '2025-03-18',
  place: '天骄社区人民调解室',
};

export const sampleSupervisionOrder: SupervisionOrderInput = {
  number: '东综治督〔2025〕18号',
  issuer: '鄂尔多斯市东胜区社会治安综合治理中心',
  recipient: '东胜区交通街道办事处',
  matter: '天骄北路16号院地下车库长期积水引发的业主与物业服务企业纠纷',
  matterDetail:
    '该小区地下车库自2024年入汛以来反复积水，业主多次通过12345热线和网格员反映，并与物业服务企业发生冲突，' +
    '2025年3月联席会议研判为重点矛盾纠纷，决定由交通街道牵头、区住建局配合化解。',
  source: '2025年3月区矛盾纠纷排查化解联席会议决定',
  requirements: [
    '3个工作日内组织街道、社区、物业服务企业和业主代表召开协调会，明确排水设施维修责任主体和费用分担方案。',
    '落实“四定四包”：明确包案领导、责任人、化解措施和化解时限，并报区综治中心备案。',
    '做好业主情绪疏导，防止矛盾激化，发现群体性苗头及时报告。',
    '于办结时限前书面报送办理情况，未能按期办结的说明原因及下一步措施。',
  ],
  dueDate: '2025-04-18',
  contact: { name: '刘海燕', phone: '0477-8321456' },
  signatory: '陈立明',
  issuedDate: '2025-03-28',
};

export const sampleJudicialConfirmation: JudicialConfirmationApplicationInput = {
  applicants: sampleMediationAgreement.parties,
  court: '鄂尔多斯市东胜区人民法院',
  agreement: {
    number: sampleMediationAgreement.number,
    organisation: sampleMediationAgreement.organisation,
    effectiveDate: '2025-03-18',
  },
  factsAndReasons:
    '申请人王建国与李秀兰系上下楼邻居。因502室卫生间渗水导致402室吊顶、墙面受损，双方发生纠纷。' +
    '2025年3月18日，经鄂尔多斯市东胜区交通街道天骄社区人民调解委员会主持调解，双方自愿达成调解协议：王建国于2025年4月15日前重做卫生间防水层，' +
    '并于2025年3月31日前赔偿李秀兰损失人民币4,500元。该协议系双方真实意思表示，不违反法律、行政法规的强制性规定，不损害国家利益、社会公共利益和他人合法权益。' +
    '为保障协议履行，双方依据《中华人民共和国人民调解法》第三十三条及《中华人民共和国民事诉讼法》第二百零五条的规定，共同申请司法确认。',
  applicationDate: '2025-03-25',
};
