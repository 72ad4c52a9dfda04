import type { Rng } from '@shizhi/domain';

/**
 * Word lists for the demo registers of 东胜区: compound (小区) names of the kind the district's
 * housing estates carry, street names (most named after Ordos banners), and the parts of enterprise,
 * shop, social-organisation and school names. All synthetic; only the style is local.
 */

export const compoundNames: readonly string[] = [
  '锦绣苑', '天骄花园', '东方花园', '康和丽景', '恒大名都', '万正广场', '紫金苑', '绿洲苑', '金泰花园', '泰和苑',
  '凤凰城', '宏远小区', '富兴花园', '满世嘉园', '景观苑', '民族团结苑', '铁西小区', '华府世家', '东达城', '太古国际',
  '钻石城', '天骄世家', '金地花园', '金辉世家', '御景苑', '雅苑', '鑫海小区', '天润家园', '幸福家园', '阳光家园',
  '祥和苑', '民馨家园', '兴泰小区', '宝日陶亥小区', '富丽宫', '颐景园', '林荫小区', '园丁小区', '电业小区', '煤炭小区',
  '伊泰华府', '蒙欣家园', '汇能小区', '亿利城', '东胜紫荆城', '罕台新村', '吉劳庆小区', '文明小区', '建设小区', '康泰小区',
  '团结小区', '和谐家园', '松山苑', '柳园小区', '杭锦小区', '准格尔小区', '伊煤小区', '鄂托克小区', '达拉特小区', '天骄名苑',
];

export const extraRoads: readonly string[] = ['鄂尔多斯大街', '天骄路', '罕台大街', '纺织街', '交通街', '巴音门克街', '公园路', '育才路', '团结路', '建设路'];

const ordinal = '〇一二三四五六七八九';
/** 1 → 一, 12 → 十二, 23 → 二十三 (up to 99). */
export function chineseOrdinal(n: number): string {
  if (n < 10) return ordinal[n]!;
  if (n < 20) return `十${n % 10 ? ordinal[n % 10] : ''}`;
  return `${ordinal[Math.floor(n / 10)]}十${n % 10 ? ordinal[n % 10] : ''}`;
}

/** 二期, 三期 … for a compound name used a second time in the county. */
export function phaseName(base: string, use: number): string {
  return use <= 1 ? base : `${base}${chineseOrdinal(use)}期`;
}

const enterpriseStems: readonly string[] = [
  '伊泰', '鄂绒', '亿利', '汇能', '满世', '天骄', '蒙欣', '东达', '鑫海', '中汇', '恒泰', '金诚', '宏远', '瑞丰', '博源', '兴隆',
  '华泰', '通达', '聚源', '昊远', '润泽', '众鑫', '弘毅', '嘉和', '鼎盛', '广源', '富源', '星河', '佳美', '泰丰',
];
const enterpriseTrades: readonly (readonly [trade: string, occupationCategory: string])[] = [
  ['煤炭运销', '6'], ['建筑工程', '6'], ['物业服务', '4'], ['商贸', '4'], ['房地产开发', '3'], ['绒纺制品', '6'], ['物流', '6'],
  ['餐饮管理', '4'], ['信息技术', '2'], ['能源化工', '6'], ['汽车销售服务', '4'], ['装饰工程', '6'], ['文化传媒', '2'], ['农牧业科技', '5'],
];
const enterpriseForms: readonly string[] = ['有限公司', '有限责任公司', '股份有限公司'];

export function enterpriseName(rng: Rng, cityName: string): { name: string; occupationCategory: string } {
  const [trade, occupationCategory] = rng.pick(enterpriseTrades);
  const prefix = rng.chance(0.5) ? cityName.replace(/市$/, '') : '东胜区';
  return { name: `${prefix}${rng.pick(enterpriseStems)}${trade}${rng.pick(enterpriseForms)}`, occupationCategory };
}

const shopKinds: readonly string[] = ['便利店', '超市', '面馆', '烧麦馆', '羊肉馆', '理发店', '五金店', '药店', '水果店', '干洗店', '手机维修部', '烟酒店', '奶茶店', '蒙餐馆', '洗车行', '网吧'];

export function shopName(rng: Rng, road: string, owner: string): string {
  const who = rng.chance(0.5) ? owner.slice(0, 1) + (rng.chance(0.5) ? '记' : '氏') : rng.pick(['老', '小', '鑫', '福', '旺', '顺']) + rng.pick(['张', '王', '李', '刘', '马', '高']);
  return `东胜区${road.slice(0, 2)}${who}${rng.pick(shopKinds)}`;
}

const socialOrgs: readonly (readonly [name: string, category: string])[] = [
  ['志愿者协会', '01'], ['老年人协会', '01'], ['书法家协会', '01'], ['社区服务中心', '02'], ['养老服务中心', '02'], ['幼儿托育中心', '02'],
  ['心理咨询服务中心', '02'], ['慈善基金会', '03'], ['社会工作服务站', '02'], ['民间文艺协会', '01'],
];

export function socialOrgName(rng: Rng, place: string): { name: string; category: string } {
  const [name, category] = rng.pick(socialOrgs);
  return { name: `东胜区${place}${name}`, category };
}

export const schoolSpecs: readonly (readonly [schoolType: string, suffix: string, students: readonly [number, number]])[] = [
  ['01', '幼儿园', [120, 420]],
  ['02', '小学', [600, 2400]],
  ['03', '中学', [800, 2200]],
  ['04', '高级中学', [1200, 3000]],
  ['05', '职业技术学校', [500, 1800]],
  ['08', '培训学校', [80, 400]],
];

export const schoolSurroundings: readonly string[] = [
  '校门口设护学岗，上下学高峰有民警值守',
  '周边200米内无网吧、歌舞娱乐场所',
  '校门东侧流动摊贩已清理，设置隔离护栏',
  '周边路段设置减速带和学校标志',
  '校园周边视频监控全覆盖，接入雪亮工程',
];

/** Counties migrants in 东胜 come from most: the Ordos banners, then 榆林, 山西, 河北, 河南 and 甘肃. */
export const inflowCounties: readonly (readonly [code: string, weight: number])[] = [
  ['150621', 10], ['150622', 10], ['150627', 10], ['150626', 5], ['150625', 4], ['150624', 4], ['150623', 3], ['150603', 6],
  ['150102', 3], ['150203', 3], ['150802', 3], ['152921', 2], ['610802', 6], ['610881', 3], ['610824', 3], ['140902', 3],
  ['141102', 3], ['140602', 2], ['130102', 2], ['410102', 2], ['411402', 2], ['620102', 2], ['620502', 1], ['370102', 1],
];

export const inflowWorkplaces: readonly string[] = ['建筑工地', '个体经营', '餐饮服务', '快递配送', '家政服务', '物流运输', '商场导购', '网约车'];

/** 境外人员 a district like 东胜 registers: Mongolian and Russian traders and students, a few Koreans and others. */
export const foreignNationals: readonly (readonly [nationality: string, weight: number, surnames: readonly string[], givenNames: readonly string[]])[] = [
  ['MNG', 8, ['BATBAYAR', 'GANBOLD', 'ERDENE', 'BOLD', 'TUMUR'], ['ENKHJARGAL', 'NARANTSETSEG', 'BAYARMAA', 'TSOGT', 'MUNKH']],
  ['RUS', 4, ['IVANOV', 'PETROVA', 'SMIRNOV', 'VOLKOVA', 'KUZNETSOV'], ['SERGEI', 'ANNA', 'DMITRY', 'OLGA', 'ALEXEI']],
  ['KOR', 2, ['KIM', 'LEE', 'PARK', 'CHOI'], ['MINJUN', 'SEOYEON', 'JIHO', 'HAEUN']],
  ['KAZ', 1, ['NURLANOV', 'AKHMETOVA', 'SEITKALI'], ['ASKAR', 'AIGERIM', 'DAULET']],
  ['USA', 1, ['SMITH', 'JOHNSON', 'BROWN'], ['JAMES', 'EMILY', 'MICHAEL']],
  ['DEU', 1, ['MULLER', 'SCHMIDT', 'WAGNER'], ['LUKAS', 'ANNA', 'JONAS']],
];

export const leftBehindKinds: readonly string[] = ['留守儿童', '留守老人', '留守妇女'];
export const unregisteredReasons: readonly string[] = ['出生未办理户口登记', '户口迁出后未落户', '非婚生育未登记', '原户籍注销后未恢复'];
export const moveOutDestinations: readonly string[] = ['迁往鄂尔多斯市康巴什区', '迁往呼和浩特市赛罕区', '迁往包头市昆都仑区', '迁往伊金霍洛旗', '迁往北京市朝阳区', '迁往西安市雁塔区'];
