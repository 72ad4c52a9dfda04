import type { Rng } from '@shizhi/domain';

/**
 * What people write in the demo event history: a short title and a description per subcategory, the
 * handler's answers per top category, and the reasons staff give for each step. `{addr}` is the place
 * (a building or a 村民小组), `{n}` a small count, `{m}` an amount in 万元, `{p}` a detector's confidence in %.
 */

export interface ReportText {
  title: string;
  description: string;
}

type Template = readonly [title: string, description: string];

const reports: Readonly<Record<string, readonly Template[]>> = {
  '0101': [
    ['夫妻矛盾请求调解', '{addr}居民夫妻因家庭琐事多次争吵，女方情绪激动，请求社区介入调解'],
    ['赡养老人引发家庭纠纷', '{addr}一户家庭兄弟姐妹因赡养老人问题产生矛盾，老人生活无人照料'],
    ['抚养费支付纠纷', '{addr}居民反映离婚后对方未按约定支付子女抚养费，多次协商未果'],
    ['婆媳矛盾激化', '{addr}婆媳之间因生活习惯不同长期不和，近日发生激烈争吵'],
  ],
  '0102': [
    ['深夜噪音引发邻里争执', '{addr}楼上住户深夜噪音扰民，邻里发生争执'],
    ['楼道堆物引发口角', '{addr}住户在楼道堆放杂物，与邻居发生口角'],
    ['楼上漏水维修费争议', '{addr}楼上卫生间漏水渗至楼下，双方就维修费用协商不成'],
    ['车位占用纠纷', '{addr}两户居民因车位占用问题发生争执'],
    ['养犬扰邻纠纷', '{addr}居民养犬未拴绳，吓到邻居家小孩，双方发生口角'],
  ],
  '0103': [
    ['务工人员讨薪', '{addr}附近工地{n}名务工人员反映被拖欠工资约{m}万元'],
    ['离职工资未结清', '{addr}一餐饮店员工反映离职后工资未结清，老板拒不见面'],
    ['加班费争议', '{addr}某物流公司员工反映未签订劳动合同、加班费未支付'],
  ],
  '0104': [
    ['物业费上调争议', '{addr}小区业主反映物业公司未经业主大会同意上调物业费'],
    ['电梯故障业主不满', '{addr}电梯多次故障停运，业主与物业协商维修未果'],
    ['停车收费纠纷', '{addr}小区业主因停车收费标准与物业发生争执'],
  ],
  '0105': [
    ['宅基地界限争议', '{addr}两户村民因宅基地界限不清发生争执'],
    ['承包地边界纠纷', '{addr}村民反映自家承包地边界被邻户侵占'],
    ['草场边界纠纷', '{addr}村民之间因草场承包边界发生纠纷'],
  ],
  '0106': [
    ['借款逾期未还', '{addr}居民反映借给亲戚{m}万元逾期未还，多次催要无果'],
    ['货款结算纠纷', '{addr}两名个体商户之间因货款结算发生纠纷'],
  ],
  '0199': [
    ['装修质量纠纷', '{addr}居民与装修公司因装修质量问题发生纠纷'],
    ['消费退款纠纷', '{addr}商户与顾客因预付卡退款问题发生争执'],
  ],
  '0201': [
    ['出租屋人员形迹可疑', '{addr}一出租屋人员进出频繁，形迹可疑'],
    ['陌生人夜间徘徊', '{addr}有陌生人夜间在小区内徘徊，查看停放车辆'],
  ],
  '0202': [
    ['棋牌室疑似赌博', '{addr}一棋牌室夜间聚集人员较多，疑似存在赌博行为'],
    ['足疗店疑似违法经营', '{addr}一足疗店疑似存在违法经营行为'],
  ],
  '0203': [
    ['校园周边青年聚集', '{addr}附近学校放学时段有社会青年聚集'],
    ['校门口摊贩聚集', '{addr}附近学校门口流动摊贩聚集，存在交通安全隐患'],
  ],
  '0299': [
    ['路灯损坏照明不足', '{addr}路灯损坏，夜间照明不足，存在治安隐患'],
    ['监控探头损坏', '{addr}小区监控探头损坏多日未修复'],
  ],
  '0301': [
    ['加工厂违规存放易燃物', '{addr}一小型加工厂违规存放易燃物品'],
    ['汽修店未配灭火器', '{addr}某汽修店作业区未配备灭火器，安全制度未落实'],
  ],
  '0302': [
    ['塔吊作业区无警戒', '{addr}附近工地塔吊作业区域未设置警戒线'],
    ['脚手架防护网破损', '{addr}工地脚手架防护网破损，存在高空坠物风险'],
  ],
  '0303': [
    ['餐馆液化气瓶存放不当', '{addr}一餐馆液化气瓶存放在灶台旁，未安装燃气报警装置'],
    ['楼道燃气异味', '{addr}居民反映楼道内有燃气异味'],
  ],
  '0399': [['仓库电线私拉乱接', '{addr}一仓库电线私拉乱接，存在安全隐患']],
  '0401': [
    ['消防通道被占用', '{addr}消防通道被私家车长期占用'],
    ['楼道堆放可燃物', '{addr}单元楼道内堆放纸箱等可燃杂物，堵塞疏散通道'],
  ],
  '0402': [
    ['电动车入户充电', '{addr}有居民将电动车推入楼道充电'],
    ['飞线充电', '{addr}居民从楼上飞线给电动车充电'],
  ],
  '0403': [
    ['消火栓水带缺失', '{addr}楼道消火栓箱内水带缺失'],
    ['灭火器过期', '{addr}小区灭火器过期未更换'],
  ],
  '0499': [['商铺内住人', '{addr}一商铺卷帘门内住人，存在消防隐患']],
  '0501': [
    ['流动摊贩占道经营', '{addr}路段流动摊贩占道经营，影响行人通行'],
    ['店外摆摊占用人行道', '{addr}一水果店将货架摆放至人行道'],
  ],
  '0502': [
    ['建筑垃圾乱堆', '{addr}路边建筑垃圾乱堆乱放多日无人清理'],
    ['废旧家具堆放', '{addr}小区空地被堆放废旧家具'],
  ],
  '0503': [
    ['私搭彩钢房', '{addr}一楼住户私自在院内搭建彩钢房'],
    ['楼顶违规加盖', '{addr}楼顶有住户违规加盖房屋'],
  ],
  '0504': [
    ['井盖破损', '{addr}路面井盖破损，存在安全隐患'],
    ['人行道地砖塌陷', '{addr}人行道地砖松动塌陷'],
    ['路灯不亮', '{addr}路灯不亮已有一周'],
  ],
  '0599': [
    ['广告牌破损', '{addr}商铺外广告牌破损悬挂，存在坠落风险'],
    ['烧烤油烟扰民', '{addr}夜间烧烤油烟扰民'],
  ],
  '0601': [
    ['独居老人申请救助', '{addr}独居老人生活困难，申请临时救助'],
    ['残疾人家庭取暖困难', '{addr}一残疾人家庭反映冬季取暖困难'],
  ],
  '0602': [
    ['灵活就业养老保险咨询', '{addr}居民咨询灵活就业人员养老保险缴费办法'],
    ['失业保险金申领咨询', '{addr}失业人员咨询失业保险金申领流程'],
  ],
  '0603': [
    ['垃圾清运不及时', '{addr}垃圾清运不及时，异味较大'],
    ['楼道卫生差', '{addr}楼道长期无人清扫，卫生较差'],
  ],
  '0699': [
    ['供暖温度不达标', '{addr}居民反映家中供暖温度不达标'],
    ['自来水水压不足', '{addr}居民反映自来水水压不足，高层用水困难'],
  ],
  '9999': [['其他诉求', '{addr}居民反映生活中遇到的问题，需要协调解决']],
};

/** What a camera's AI sees, for the subcategories machines report. */
const machineReports: Readonly<Record<string, readonly Template[]>> = {
  '0201': [['视频AI：可疑人员徘徊', '视频AI识别：{addr}有人员夜间长时间徘徊（置信度0.{p}）']],
  '0401': [['视频AI：消防通道占用', '视频AI识别：{addr}消防通道被车辆占用（置信度0.{p}）']],
  '0402': [['视频AI：电动车进电梯', '视频AI识别：{addr}电动车进入电梯（置信度0.{p}）']],
  '0501': [['视频AI：占道经营', '视频AI识别：{addr}疑似占道经营（置信度0.{p}）']],
  '0502': [['视频AI：物料乱堆', '视频AI识别：{addr}疑似垃圾或物料乱堆（置信度0.{p}）']],
};

/** The subcategories a camera can report. */
export const machineCategoryCodes: ReadonlySet<string> = new Set(Object.keys(machineReports));

const results: Readonly<Record<string, readonly string[]>> = {
  '01': [
    '已上门调解，双方达成谅解',
    '经网格员与人民调解员共同调解，双方签订调解协议',
    '已分别约谈双方当事人，讲明法律规定，矛盾已化解',
    '已引导当事人通过法律途径解决，并做好稳控工作',
  ],
  '02': ['已联系辖区派出所民警到场核查并处置', '已加强巡逻并设置警示，隐患已消除', '已协调物业修复，恢复正常'],
  '03': ['已责令整改，易燃物已清理，复查合格', '已通知燃气公司上门检查，已更换连接软管', '已下达整改通知书，现场隐患已消除'],
  '04': ['已劝离车辆，消防通道恢复畅通', '已督促居民将电动车移出楼道，并开展消防宣传', '已联系物业更换灭火器、补齐水带'],
  '05': ['已劝导摊贩入店经营', '已协调环卫清运完毕', '已联系市政维修，设施已修复', '已下达限期整改通知，违建已拆除'],
  '06': ['已协助办理临时救助', '已为居民解答政策并指导线上办理', '已协调环卫公司增加清运频次', '已联系供热公司上门检修'],
  '99': ['已协调相关单位处理完毕'],
};

const phrases = {
  progress: ['已到现场了解情况', '已约双方当事人面谈', '已联系相关单位协调处理', '已进行第一次调解，双方意见仍有分歧', '正在制定整改方案'],
  reject: ['不属于受理范围，已告知报事人通过其他渠道反映', '重复上报，已与前案合并处理', '经核实情况不属实'],
  escalateOwner: ['涉及多个部门职责，本级无法协调，提请上级统筹', '需执法部门处置，报请上级派遣', '矛盾较大，本级调解未果，提请上级调处'],
  escalateHandler: ['超出本级处置能力，退回重新研判', '涉及其他部门职责，申请重新派遣'],
  handDown: ['请属地综治中心牵头处置，相关部门配合', '属基层可处置事项，请属地办理'],
  suspend: ['当事人外出务工，暂无法调解，待其返回后继续', '需等待专业机构鉴定结果', '已进入诉讼程序，等待法院判决'],
  extension: ['涉及多方协调，需延期办理', '需等待相关部门出具意见，申请延期'],
  denyExtension: ['时限内可以办结，请抓紧处理'],
  verifyFail: ['现场核查问题未彻底解决，请继续处置', '群众反映问题仍然存在，返工处理'],
  revisit: ['电话回访，群众对处理结果表示认可', '上门回访，问题已解决'],
  coAnswer: ['已配合现场核查', '已派员协助处置'],
  supervisionAnswer: ['已督促承办单位加快办理', '已组织现场处置，正在跟进', '已约谈承办人员，明确办结时限'],
  rateGridWorker: ['经回访群众，对处理结果满意', '群众表示认可'],
};

export type Phrase = keyof typeof phrases;

export function phrase(rng: Rng, kind: Phrase): string {
  return rng.pick(phrases[kind]);
}

export function resultText(rng: Rng, categoryCode: string): string {
  return rng.pick(results[categoryCode.slice(0, 2)] ?? results['99']!);
}

function fill(text: string, rng: Rng, addr: string): string {
  return text
    .replaceAll('{addr}', addr)
    .replaceAll('{n}', String(rng.int(2, 30)))
    .replaceAll('{m}', String(rng.int(1, 40)))
    .replaceAll('{p}', String(rng.int(70, 98)));
}

/** A report of this subcategory at `addr`; a camera writes its own kind of text. */
export function reportText(rng: Rng, categoryCode: string, addr: string, byMachine: boolean): ReportText {
  const table = byMachine ? machineReports : reports;
  const templates = table[categoryCode] ?? reports[categoryCode] ?? reports['9999']!;
  const [title, description] = rng.pick(templates);
  return { title, description: fill(description, rng, addr) };
}
