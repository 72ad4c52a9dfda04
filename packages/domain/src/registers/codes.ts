import { ethnicityNames, genderNames } from '../people.ts';

/**
 * The code tables of the 一标三实 registers (实有人口, 实有房屋, 实有单位) as data. Each table says
 * where its values come from: a national standard checked against public copies ("verified"), values
 * seen in GB/T 31000-style implementations ("implementation-derived", anchors-china.md §1.4) or tables
 * shizhi defines itself ("local"). Import cells are read with resolveCode, which accepts the code, an
 * unpadded code, the Chinese name, an alias or the English name.
 */

export interface CodeEntry {
  readonly code: string;
  readonly zh: string;
  readonly en: string;
  /** Other spellings an import cell may carry: legacy names, short names, older codes. */
  readonly aliases?: readonly string[];
}

export interface CodeTable {
  readonly id: string;
  readonly label: { readonly zh: string; readonly en: string };
  /** Where the values come from and how far they were checked. */
  readonly source: string;
  readonly entries: readonly CodeEntry[];
}

function table<const Id extends string>(
  id: Id,
  zh: string,
  en: string,
  source: string,
  entries: readonly CodeEntry[],
): CodeTable & { readonly id: Id } {
  return { id, label: { zh, en }, source, entries };
}

// ─── national tables ─────────────────────────────────────────────────────────────────────────────

const gender = table('gender', '性别', 'Gender', 'GB/T 2261.1-2003 人的性别代码 (verified: 0/1/2/9 in several public codebases citing the standard; 5/6 "改变性别" codes left out)', [
  { code: '0', zh: '未知的性别', en: 'Unknown', aliases: ['未知'] },
  { code: '1', ...genderNames['1'], aliases: ['男性', 'M'] },
  { code: '2', ...genderNames['2'], aliases: ['女性', 'F'] },
  { code: '9', zh: '未说明的性别', en: 'Not stated', aliases: ['未说明'] },
]);

const ethnicityEnglish: Readonly<Record<string, string>> = {
  '01': 'Han', '02': 'Mongol', '03': 'Hui', '04': 'Tibetan', '05': 'Uyghur', '06': 'Miao', '07': 'Yi', '08': 'Zhuang',
  '09': 'Buyei', '10': 'Korean', '11': 'Manchu', '12': 'Dong', '13': 'Yao', '14': 'Bai', '15': 'Tujia', '16': 'Hani',
  '17': 'Kazak', '18': 'Dai', '19': 'Li', '20': 'Lisu', '21': 'Va', '22': 'She', '23': 'Gaoshan', '24': 'Lahu',
  '25': 'Sui', '26': 'Dongxiang', '27': 'Naxi', '28': 'Jingpo', '29': 'Kirgiz', '30': 'Tu', '31': 'Daur', '32': 'Mulao',
  '33': 'Qiang', '34': 'Blang', '35': 'Salar', '36': 'Maonan', '37': 'Gelao', '38': 'Xibe', '39': 'Achang', '40': 'Pumi',
  '41': 'Tajik', '42': 'Nu', '43': 'Uzbek', '44': 'Russian', '45': 'Ewenki', '46': 'Deang', '47': 'Bonan', '48': 'Yugur',
  '49': 'Gin', '50': 'Tatar', '51': 'Derung', '52': 'Oroqen', '53': 'Hezhen', '54': 'Monba', '55': 'Lhoba', '56': 'Jino',
  '97': 'Other', '98': 'Chinese citizen of foreign origin',
};

/** Names used before the 1986 and 1985 renamings, still found in old registers. */
const ethnicityLegacy: Readonly<Record<string, readonly string[]>> = {
  '36': ['毛难族', '毛难'],
  '46': ['崩龙族', '崩龙'],
  '97': ['其他民族', '未识别民族'],
  '98': ['外国血统'],
};

const ethnicity = table(
  'ethnicity',
  '民族',
  'Ethnicity',
  'GB 3304-1991 中国各民族名称的罗马字母拼写法和代码, numeric codes 01–56, 97, 98 (verified: anchors-china.md §7.2 and public codebases; names reused from people.ts ethnicityNames). Legacy names 毛难族 (→36) and 崩龙族 (→46) accepted on import',
  Object.entries(ethnicityNames).map(([code, zh]) => ({
    code,
    zh,
    en: ethnicityEnglish[code] ?? zh,
    aliases: [...(zh.endsWith('族') && zh.length > 2 ? [zh.slice(0, -1)] : []), ...(ethnicityLegacy[code] ?? [])],
  })),
);

const idType = table(
  'idType',
  '证件类型',
  'ID document type',
  'GA/T 517 常用证件代码. 111, 113, 414, 990 verified (public e-signature SDK using the GA/T 517 values); 112, 335, 511, 516, 553 from the commonly published GA/T 517 list, NOT verified against the standard text; 991 港澳台居民居住证 is a shizhi-local code (no GA/T 517 value found)',
  [
    { code: '111', zh: '居民身份证', en: 'Resident identity card', aliases: ['身份证', '二代身份证', '公民身份号码'] },
    { code: '112', zh: '临时居民身份证', en: 'Temporary resident identity card', aliases: ['临时身份证'] },
    { code: '113', zh: '户口簿', en: 'Household register booklet', aliases: ['居民户口簿'] },
    { code: '335', zh: '机动车驾驶证', en: 'Driving licence', aliases: ['驾驶证'] },
    { code: '414', zh: '普通护照', en: 'Passport', aliases: ['护照'] },
    { code: '511', zh: '台湾居民来往大陆通行证', en: 'Mainland travel permit for Taiwan residents', aliases: ['台胞证'] },
    { code: '516', zh: '港澳居民来往内地通行证', en: 'Mainland travel permit for Hong Kong and Macao residents', aliases: ['回乡证', '港澳居民往来内地通行证'] },
    { code: '553', zh: '外国人永久居留身份证', en: 'Foreign permanent resident ID card', aliases: ['外国人永久居留证'] },
    { code: '991', zh: '港澳台居民居住证', en: 'Residence permit for Hong Kong, Macao and Taiwan residents', aliases: ['港澳居民居住证', '台湾居民居住证'] },
    { code: '990', zh: '其他', en: 'Other', aliases: ['其他证件'] },
  ],
);

const relationToHead = table(
  'relationToHead',
  '与户主关系',
  'Relation to head of household',
  'GB/T 4761-2008 家庭关系代码 (verified: full 01–99 list in a public codebase and a partial one citing GB/T 4761-2008; the main groups and the common detailed codes are included)',
  [
    { code: '01', zh: '本人', en: 'Self' },
    { code: '02', zh: '户主', en: 'Head of household' },
    { code: '10', zh: '配偶', en: 'Spouse' },
    { code: '11', zh: '夫', en: 'Husband', aliases: ['丈夫'] },
    { code: '12', zh: '妻', en: 'Wife', aliases: ['妻子'] },
    { code: '20', zh: '子', en: 'Son', aliases: ['儿子'] },
    { code: '21', zh: '独生子', en: 'Only son' },
    { code: '22', zh: '长子', en: 'Eldest son' },
    { code: '23', zh: '次子', en: 'Second son' },
    { code: '27', zh: '养子或继子', en: 'Adopted son or stepson' },
    { code: '28', zh: '女婿', en: 'Son-in-law' },
    { code: '30', zh: '女', en: 'Daughter', aliases: ['女儿'] },
    { code: '31', zh: '独生女', en: 'Only daughter' },
    { code: '32', zh: '长女', en: 'Eldest daughter' },
    { code: '33', zh: '次女', en: 'Second daughter' },
    { code: '37', zh: '养女或继女', en: 'Adopted daughter or stepdaughter' },
    { code: '38', zh: '儿媳', en: 'Daughter-in-law' },
    { code: '40', zh: '孙子、孙女或外孙子、外孙女', en: 'Grandchild', aliases: ['孙子女'] },
    { code: '41', zh: '孙子', en: 'Grandson' },
    { code: '42', zh: '孙女', en: 'Granddaughter' },
    { code: '43', zh: '外孙子', en: "Daughter's son" },
    { code: '44', zh: '外孙女', en: "Daughter's daughter" },
    { code: '50', zh: '父母', en: 'Parent' },
    { code: '51', zh: '父亲', en: 'Father' },
    { code: '52', zh: '母亲', en: 'Mother' },
    { code: '53', zh: '公公', en: "Husband's father" },
    { code: '54', zh: '婆婆', en: "Husband's mother" },
    { code: '55', zh: '岳父', en: "Wife's father" },
    { code: '56', zh: '岳母', en: "Wife's mother" },
    { code: '60', zh: '祖父母或外祖父母', en: 'Grandparent', aliases: ['祖父母'] },
    { code: '61', zh: '祖父', en: 'Grandfather' },
    { code: '62', zh: '祖母', en: 'Grandmother' },
    { code: '63', zh: '外祖父', en: "Mother's father" },
    { code: '64', zh: '外祖母', en: "Mother's mother" },
    { code: '70', zh: '兄弟姐妹', en: 'Sibling' },
    { code: '71', zh: '兄', en: 'Elder brother', aliases: ['哥哥'] },
    { code: '72', zh: '嫂', en: "Elder brother's wife" },
    { code: '73', zh: '弟', en: 'Younger brother', aliases: ['弟弟'] },
    { code: '74', zh: '弟媳', en: "Younger brother's wife" },
    { code: '75', zh: '姐姐', en: 'Elder sister' },
    { code: '76', zh: '姐夫', en: "Elder sister's husband" },
    { code: '77', zh: '妹妹', en: 'Younger sister' },
    { code: '78', zh: '妹夫', en: "Younger sister's husband" },
    { code: '80', zh: '其他', en: 'Other relative (group)' },
    { code: '93', zh: '侄子', en: "Brother's son" },
    { code: '94', zh: '侄女', en: "Brother's daughter" },
    { code: '95', zh: '外甥', en: "Sister's son" },
    { code: '96', zh: '外甥女', en: "Sister's daughter" },
    { code: '97', zh: '其他亲属', en: 'Other relative' },
    { code: '99', zh: '非亲属', en: 'Not related' },
  ],
);

const maritalStatus = table(
  'maritalStatus',
  '婚姻状况',
  'Marital status',
  'GB/T 2261.2-2003 婚姻状况代码, which replaced GB/T 4766-1984 with the same values (verified: public codebases citing GB/T 2261.2-2003)',
  [
    { code: '10', zh: '未婚', en: 'Never married' },
    { code: '20', zh: '已婚', en: 'Married' },
    { code: '21', zh: '初婚', en: 'First marriage' },
    { code: '22', zh: '再婚', en: 'Remarried' },
    { code: '23', zh: '复婚', en: 'Remarried to former spouse' },
    { code: '30', zh: '丧偶', en: 'Widowed' },
    { code: '40', zh: '离婚', en: 'Divorced' },
    { code: '90', zh: '未说明的婚姻状况', en: 'Not stated', aliases: ['未说明'] },
  ],
);

const politicalStatus = table(
  'politicalStatus',
  '政治面貌',
  'Political status',
  'GB/T 4762-1984 政治面貌代码 01–13 (verified: several public codebases citing the standard agree on every value)',
  [
    { code: '01', zh: '中国共产党党员', en: 'CPC member', aliases: ['中共党员', '党员'] },
    { code: '02', zh: '中国共产党预备党员', en: 'CPC probationary member', aliases: ['中共预备党员', '预备党员'] },
    { code: '03', zh: '中国共产主义青年团团员', en: 'CYL member', aliases: ['共青团员', '团员'] },
    { code: '04', zh: '中国国民党革命委员会会员', en: 'RCCK member', aliases: ['民革会员', '民革党员'] },
    { code: '05', zh: '中国民主同盟盟员', en: 'China Democratic League member', aliases: ['民盟盟员'] },
    { code: '06', zh: '中国民主建国会会员', en: 'CNDCA member', aliases: ['民建会员'] },
    { code: '07', zh: '中国民主促进会会员', en: 'CAPD member', aliases: ['民进会员'] },
    { code: '08', zh: '中国农工民主党党员', en: 'CPWDP member', aliases: ['农工党党员'] },
    { code: '09', zh: '中国致公党党员', en: 'China Zhi Gong Party member', aliases: ['致公党党员'] },
    { code: '10', zh: '九三学社社员', en: 'Jiusan Society member' },
    { code: '11', zh: '台湾民主自治同盟盟员', en: 'Taiwan Democratic Self-Government League member', aliases: ['台盟盟员'] },
    { code: '12', zh: '无党派民主人士', en: 'Non-party democrat', aliases: ['无党派人士'] },
    { code: '13', zh: '群众', en: 'Ordinary citizen' },
  ],
);

const education = table(
  'education',
  '学历',
  'Education',
  'GB/T 4658-2006 学历代码 (verified: public codebases quoting the standard\'s table; the level codes and the 毕业 codes under them are included, 结业/肄业 detail codes left out)',
  [
    { code: '10', zh: '研究生教育', en: 'Postgraduate', aliases: ['研究生'] },
    { code: '11', zh: '博士研究生毕业', en: 'Doctorate', aliases: ['博士', '博士研究生'] },
    { code: '14', zh: '硕士研究生毕业', en: "Master's", aliases: ['硕士', '硕士研究生'] },
    { code: '20', zh: '大学本科教育', en: 'Bachelor level', aliases: ['本科', '大学本科'] },
    { code: '21', zh: '大学本科毕业', en: "Bachelor's" },
    { code: '30', zh: '大学专科教育', en: 'College (associate) level', aliases: ['大专', '专科', '大学专科'] },
    { code: '31', zh: '大学专科毕业', en: 'College graduate' },
    { code: '40', zh: '中等职业教育', en: 'Secondary vocational', aliases: ['中专', '中等专科'] },
    { code: '41', zh: '中等专科毕业', en: 'Secondary specialised school graduate' },
    { code: '44', zh: '职业高中毕业', en: 'Vocational high school graduate', aliases: ['职高'] },
    { code: '47', zh: '技工学校毕业', en: 'Technical school graduate', aliases: ['技校'] },
    { code: '60', zh: '普通高级中学教育', en: 'Senior secondary', aliases: ['高中'] },
    { code: '61', zh: '普通高中毕业', en: 'Senior high school graduate' },
    { code: '70', zh: '初级中学教育', en: 'Junior secondary', aliases: ['初中'] },
    { code: '71', zh: '初中毕业', en: 'Junior high school graduate' },
    { code: '80', zh: '小学教育', en: 'Primary', aliases: ['小学'] },
    { code: '81', zh: '小学毕业', en: 'Primary school graduate' },
    { code: '90', zh: '其他', en: 'Other', aliases: ['文盲', '半文盲'] },
  ],
);

const religion = table(
  'religion',
  '宗教信仰',
  'Religion',
  'implementation-derived: a public 公安 code dictionary (table "C.2" 宗教信仰代码); believed to be GA 214.12 宗教信仰代码 but NOT verified against the standard text',
  [
    { code: '00', zh: '无宗教信仰', en: 'None', aliases: ['无'] },
    { code: '10', zh: '佛教', en: 'Buddhism' },
    { code: '20', zh: '喇嘛教', en: 'Tibetan Buddhism', aliases: ['藏传佛教'] },
    { code: '30', zh: '道教', en: 'Taoism' },
    { code: '40', zh: '天主教', en: 'Catholicism' },
    { code: '50', zh: '基督教', en: 'Protestant Christianity' },
    { code: '60', zh: '东正教', en: 'Orthodox Christianity' },
    { code: '70', zh: '伊斯兰教', en: 'Islam' },
    { code: '99', zh: '其他', en: 'Other' },
  ],
);

const occupationCategory = table(
  'occupationCategory',
  '职业类别',
  'Occupation category',
  'GB/T 6565-2015 职业分类与代码 / 国家职业分类大典 (2015), the eight 大类. NOT verified by search (no public copy found); the 2009 edition\'s X 军人 and Y 不便分类 are accepted as aliases of 7 and 8',
  [
    { code: '1', zh: '党的机关、国家机关、群众团体和社会组织、企事业单位负责人', en: 'Heads of Party, state, mass and social organisations, enterprises and institutions', aliases: ['单位负责人', '负责人'] },
    { code: '2', zh: '专业技术人员', en: 'Professional and technical personnel' },
    { code: '3', zh: '办事人员和有关人员', en: 'Clerical and related personnel', aliases: ['办事人员'] },
    { code: '4', zh: '社会生产服务和生活服务人员', en: 'Social production and daily-life service personnel', aliases: ['商业、服务业人员', '服务人员'] },
    { code: '5', zh: '农、林、牧、渔业生产及辅助人员', en: 'Agriculture, forestry, animal husbandry and fishery', aliases: ['农林牧渔业生产人员', '农民'] },
    { code: '6', zh: '生产制造及有关人员', en: 'Production and manufacturing personnel', aliases: ['生产、运输设备操作人员及有关人员'] },
    { code: '7', zh: '军人', en: 'Military personnel', aliases: ['X'] },
    { code: '8', zh: '不便分类的其他从业人员', en: 'Other workers not classified', aliases: ['Y', '其他从业人员'] },
  ],
);

/** GB/T 2659 (= ISO 3166-1) alpha-3, the countries and regions a 境外人员 register meets most. */
const nationality = table(
  'nationality',
  '国籍（地区）',
  'Nationality (country or region)',
  'GB/T 2659 世界各国和地区名称代码 alpha-3 (identical to ISO 3166-1 alpha-3, which GB/T 2659 adopts). A practical subset of 54 entries, not the whole table; alpha-2 codes accepted as aliases; Chinese short names as commonly used, not checked against the GB/T 2659 text; XXX 无国籍 is the ICAO 9303 travel-document code, not a GB/T 2659 value',
  [
    { code: 'CHN', zh: '中国', en: 'China', aliases: ['CN'] },
    { code: 'HKG', zh: '中国香港', en: 'Hong Kong, China', aliases: ['HK', '香港'] },
    { code: 'MAC', zh: '中国澳门', en: 'Macao, China', aliases: ['MO', '澳门'] },
    { code: 'TWN', zh: '中国台湾', en: 'Taiwan, China', aliases: ['TW', '台湾'] },
    { code: 'RUS', zh: '俄罗斯', en: 'Russia', aliases: ['RU', '俄罗斯联邦'] },
    { code: 'MNG', zh: '蒙古国', en: 'Mongolia', aliases: ['MN', '蒙古'] },
    { code: 'KAZ', zh: '哈萨克斯坦', en: 'Kazakhstan', aliases: ['KZ'] },
    { code: 'KGZ', zh: '吉尔吉斯斯坦', en: 'Kyrgyzstan', aliases: ['KG'] },
    { code: 'UZB', zh: '乌兹别克斯坦', en: 'Uzbekistan', aliases: ['UZ'] },
    { code: 'TJK', zh: '塔吉克斯坦', en: 'Tajikistan', aliases: ['TJ'] },
    { code: 'KOR', zh: '韩国', en: 'Republic of Korea', aliases: ['KR', '大韩民国', 'South Korea'] },
    { code: 'PRK', zh: '朝鲜', en: "Democratic People's Republic of Korea", aliases: ['KP', 'North Korea'] },
    { code: 'JPN', zh: '日本', en: 'Japan', aliases: ['JP'] },
    { code: 'VNM', zh: '越南', en: 'Viet Nam', aliases: ['VN', 'Vietnam'] },
    { code: 'LAO', zh: '老挝', en: 'Lao PDR', aliases: ['LA', 'Laos'] },
    { code: 'MMR', zh: '缅甸', en: 'Myanmar', aliases: ['MM'] },
    { code: 'THA', zh: '泰国', en: 'Thailand', aliases: ['TH'] },
    { code: 'KHM', zh: '柬埔寨', en: 'Cambodia', aliases: ['KH'] },
    { code: 'MYS', zh: '马来西亚', en: 'Malaysia', aliases: ['MY'] },
    { code: 'SGP', zh: '新加坡', en: 'Singapore', aliases: ['SG'] },
    { code: 'IDN', zh: '印度尼西亚', en: 'Indonesia', aliases: ['ID', '印尼'] },
    { code: 'PHL', zh: '菲律宾', en: 'Philippines', aliases: ['PH'] },
    { code: 'IND', zh: '印度', en: 'India', aliases: ['IN'] },
    { code: 'PAK', zh: '巴基斯坦', en: 'Pakistan', aliases: ['PK'] },
    { code: 'BGD', zh: '孟加拉国', en: 'Bangladesh', aliases: ['BD'] },
    { code: 'NPL', zh: '尼泊尔', en: 'Nepal', aliases: ['NP'] },
    { code: 'IRN', zh: '伊朗', en: 'Iran', aliases: ['IR'] },
    { code: 'TUR', zh: '土耳其', en: 'Türkiye', aliases: ['TR', 'Turkey'] },
    { code: 'SAU', zh: '沙特阿拉伯', en: 'Saudi Arabia', aliases: ['SA', '沙特'] },
    { code: 'ARE', zh: '阿联酋', en: 'United Arab Emirates', aliases: ['AE', '阿拉伯联合酋长国'] },
    { code: 'ISR', zh: '以色列', en: 'Israel', aliases: ['IL'] },
    { code: 'EGY', zh: '埃及', en: 'Egypt', aliases: ['EG'] },
    { code: 'NGA', zh: '尼日利亚', en: 'Nigeria', aliases: ['NG'] },
    { code: 'ETH', zh: '埃塞俄比亚', en: 'Ethiopia', aliases: ['ET'] },
    { code: 'ZAF', zh: '南非', en: 'South Africa', aliases: ['ZA'] },
    { code: 'GBR', zh: '英国', en: 'United Kingdom', aliases: ['GB', 'UK'] },
    { code: 'DEU', zh: '德国', en: 'Germany', aliases: ['DE'] },
    { code: 'FRA', zh: '法国', en: 'France', aliases: ['FR'] },
    { code: 'ITA', zh: '意大利', en: 'Italy', aliases: ['IT'] },
    { code: 'ESP', zh: '西班牙', en: 'Spain', aliases: ['ES'] },
    { code: 'NLD', zh: '荷兰', en: 'Netherlands', aliases: ['NL'] },
    { code: 'BEL', zh: '比利时', en: 'Belgium', aliases: ['BE'] },
    { code: 'CHE', zh: '瑞士', en: 'Switzerland', aliases: ['CH'] },
    { code: 'SWE', zh: '瑞典', en: 'Sweden', aliases: ['SE'] },
    { code: 'POL', zh: '波兰', en: 'Poland', aliases: ['PL'] },
    { code: 'UKR', zh: '乌克兰', en: 'Ukraine', aliases: ['UA'] },
    { code: 'USA', zh: '美国', en: 'United States', aliases: ['US', '美利坚合众国'] },
    { code: 'CAN', zh: '加拿大', en: 'Canada', aliases: ['CA'] },
    { code: 'MEX', zh: '墨西哥', en: 'Mexico', aliases: ['MX'] },
    { code: 'BRA', zh: '巴西', en: 'Brazil', aliases: ['BR'] },
    { code: 'ARG', zh: '阿根廷', en: 'Argentina', aliases: ['AR'] },
    { code: 'AUS', zh: '澳大利亚', en: 'Australia', aliases: ['AU'] },
    { code: 'NZL', zh: '新西兰', en: 'New Zealand', aliases: ['NZ'] },
    { code: 'XXX', zh: '无国籍', en: 'Stateless', aliases: ['无国籍人'] },
  ],
);

// ─── implementation-derived tables (anchors-china.md §1.4, a GB/T 31000-style 综治 system) ─────────

const impl = (what: string) =>
  `implementation-derived: ${what} as observed in a GB/T 31000-style 综治 system's dictionary (anchors-china.md §1.4); NOT verified against the GB/T 31000-2015 appendix`;

const inflowReason = table('inflowReason', '流入原因', 'Reason for moving in', impl('流入原因'), [
  { code: '01', zh: '务工', en: 'Work' },
  { code: '02', zh: '务农', en: 'Farming' },
  { code: '03', zh: '经商', en: 'Business' },
  { code: '04', zh: '学习培训', en: 'Study or training', aliases: ['学习', '培训'] },
  { code: '05', zh: '婚嫁', en: 'Marriage' },
  { code: '06', zh: '随迁', en: 'Accompanying family' },
  { code: '07', zh: '治病疗养', en: 'Medical treatment' },
  { code: '08', zh: '投亲靠友', en: 'Staying with family or friends' },
  { code: '09', zh: '工作调动', en: 'Job transfer' },
  { code: '99', zh: '其他', en: 'Other' },
]);

const permitType = table('permitType', '办证类型', 'Permit type', impl('办证类型'), [
  { code: '01', zh: '居住证', en: 'Residence permit' },
  { code: '02', zh: '暂住证', en: 'Temporary residence permit' },
  { code: '99', zh: '其他', en: 'Other' },
]);

const residenceType = table('residenceType', '住所类型', 'Type of residence', impl('住所类型'), [
  { code: '01', zh: '自购房屋', en: 'Own home' },
  { code: '02', zh: '租赁房屋', en: 'Rented', aliases: ['租房', '租住'] },
  { code: '03', zh: '寄居', en: 'Lodging' },
  { code: '04', zh: '借住', en: 'Staying free of charge' },
  { code: '05', zh: '单位宿舍', en: 'Employer dormitory' },
  { code: '06', zh: '临时性宿舍', en: 'Temporary dormitory', aliases: ['工地宿舍'] },
  { code: '07', zh: '农民工公寓', en: 'Migrant worker apartment' },
  { code: '99', zh: '其他', en: 'Other' },
]);

const visitPurpose = table('visitPurpose', '来华目的', 'Purpose of stay in China', impl('来华目的'), [
  { code: '01', zh: '商务', en: 'Business' },
  { code: '02', zh: '就业', en: 'Employment', aliases: ['工作'] },
  { code: '03', zh: '学习', en: 'Study', aliases: ['留学'] },
  { code: '04', zh: '定居', en: 'Settlement' },
  { code: '05', zh: '探亲', en: 'Family visit' },
  { code: '99', zh: '其他', en: 'Other' },
]);

const rentalUse = table('rentalUse', '出租用途', 'Rental use', impl('出租用途'), [
  { code: '01', zh: '宿舍', en: 'Dormitory' },
  { code: '02', zh: '住房', en: 'Housing', aliases: ['居住'] },
  { code: '03', zh: '商铺', en: 'Shop' },
  { code: '04', zh: '办公', en: 'Office' },
  { code: '05', zh: '仓库', en: 'Warehouse' },
  { code: '06', zh: '厂房', en: 'Workshop' },
  { code: '99', zh: '其他', en: 'Other' },
]);

const hazardType = table('hazardType', '安全隐患类型', 'Safety hazard type', impl('安全隐患类型'), [
  { code: '00', zh: '无', en: 'None', aliases: ['无隐患'] },
  { code: '01', zh: '治安隐患', en: 'Public order' },
  { code: '02', zh: '消防隐患', en: 'Fire' },
  { code: '03', zh: '矛盾纠纷隐患', en: 'Disputes' },
  { code: '04', zh: '劳资纠纷隐患', en: 'Labour disputes' },
  { code: '99', zh: '其他', en: 'Other' },
]);

const socialOrgType = table('socialOrgType', '社会组织类型', 'Social organisation type', impl('社会组织类型'), [
  { code: '01', zh: '社会团体', en: 'Social association' },
  { code: '02', zh: '民办非企业单位', en: 'Private non-enterprise unit', aliases: ['社会服务机构'] },
  { code: '03', zh: '基金会', en: 'Foundation' },
  { code: '04', zh: '外国商会', en: 'Foreign chamber of commerce' },
  { code: '99', zh: '其他', en: 'Other' },
]);

const enterpriseType = table('enterpriseType', '企业类型', 'Enterprise type', impl('企业类型'), [
  { code: '01', zh: '内资企业', en: 'Domestic enterprise' },
  { code: '02', zh: '外资企业', en: 'Foreign-invested enterprise' },
  { code: '03', zh: '个体工商户', en: 'Individual business' },
  { code: '04', zh: '农民专业合作社', en: "Farmers' cooperative" },
  { code: '99', zh: '其他', en: 'Other' },
]);

const attentionLevel = table('attentionLevel', '关注程度', 'Attention level', impl('关注程度'), [
  { code: '00', zh: '不关注', en: 'None' },
  { code: '01', zh: '高', en: 'High' },
  { code: '02', zh: '中', en: 'Medium' },
  { code: '03', zh: '低', en: 'Low' },
]);

// ─── local tables (shizhi) ───────────────────────────────────────────────────────────────────────

const personType = table(
  'personType',
  '人口类型',
  'Population type',
  'local: shizhi (the GB/T 31000 实有人口 sub-registers 户籍/流动/境外/留守 plus 未落户人员, anchors-china.md §1.1, §1.3; codes are ours)',
  [
    { code: '01', zh: '户籍人口', en: 'Registered resident', aliases: ['户籍'] },
    { code: '02', zh: '流动人口', en: 'Migrant', aliases: ['流动'] },
    { code: '03', zh: '境外人员', en: 'Foreign national', aliases: ['境外', '境外人口'] },
    { code: '04', zh: '留守人员', en: 'Left-behind person', aliases: ['留守'] },
    { code: '05', zh: '未落户人员', en: 'Unregistered person', aliases: ['未落户', '未落户人口'] },
  ],
);

const householdKind = table('householdKind', '户别', 'Household kind', 'local: shizhi (家庭户/集体户 as in 户口登记; codes 1/2 as commonly used, not from a checked standard)', [
  { code: '1', zh: '家庭户', en: 'Family household', aliases: ['家庭户口'] },
  { code: '2', zh: '集体户', en: 'Collective household', aliases: ['集体户口'] },
]);

const buildingUse = table('buildingUse', '建筑用途', 'Building use', 'local: shizhi (GB/T 31000 names the item 建筑用途; its values were not found)', [
  { code: '01', zh: '住宅', en: 'Residential' },
  { code: '02', zh: '商住两用', en: 'Mixed residential and commercial', aliases: ['商住'] },
  { code: '03', zh: '商业', en: 'Commercial' },
  { code: '04', zh: '办公', en: 'Office' },
  { code: '05', zh: '工业厂房', en: 'Industrial', aliases: ['厂房'] },
  { code: '06', zh: '仓储', en: 'Storage', aliases: ['仓库'] },
  { code: '07', zh: '公共服务', en: 'Public service' },
  { code: '99', zh: '其他', en: 'Other' },
]);

const houseUse = table('houseUse', '房屋用途', 'House use', 'local: shizhi (how the 户室 is used now; GB/T 31000 names the item 房屋用途, values not found)', [
  { code: '01', zh: '自住', en: 'Owner-occupied' },
  { code: '02', zh: '出租', en: 'Rented out' },
  { code: '03', zh: '自住兼出租', en: 'Partly rented out' },
  { code: '04', zh: '经营', en: 'Business' },
  { code: '05', zh: '办公', en: 'Office' },
  { code: '06', zh: '闲置', en: 'Vacant', aliases: ['空置'] },
  { code: '99', zh: '其他', en: 'Other' },
]);

const propertyType = table('propertyType', '产权类型', 'Ownership type', 'local: shizhi (GB/T 31000 names the item 产权类型, values not found)', [
  { code: '01', zh: '个人产权', en: 'Private', aliases: ['私产', '个人'] },
  { code: '02', zh: '单位产权', en: 'Employer or company', aliases: ['单位'] },
  { code: '03', zh: '直管公房', en: 'Public housing' },
  { code: '04', zh: '集体产权', en: 'Collective', aliases: ['集体'] },
  { code: '05', zh: '共有产权', en: 'Shared ownership' },
  { code: '99', zh: '其他', en: 'Other' },
]);

const landlordType = table('landlordType', '出租人类型', 'Landlord type', 'local: shizhi (Tianque rental-house 出租人类型 个人/单位, anchors-china.md §1.3; codes are ours)', [
  { code: '01', zh: '个人', en: 'Individual' },
  { code: '02', zh: '单位', en: 'Organisation' },
]);

const hazardGrade = table('hazardGrade', '隐患等级', 'Hazard grade', 'local: shizhi codes for the Tianque 住房隐患等级 严重/一般/安全 (anchors-china.md §1.3, §1.6)', [
  { code: '01', zh: '严重', en: 'Serious', aliases: ['严重隐患'] },
  { code: '02', zh: '一般', en: 'Minor', aliases: ['一般隐患'] },
  { code: '03', zh: '安全', en: 'Safe', aliases: ['无隐患'] },
]);

const organisationKind = table('organisationKind', '单位类型', 'Organisation kind', 'local: shizhi (the GB/T 31000 实有单位 groups: 非公有制经济组织, 社会组织, 校园; plus 个体工商户 and 机关事业单位)', [
  { code: '01', zh: '非公有制经济组织', en: 'Non-public enterprise', aliases: ['非公企业', '企业'] },
  { code: '02', zh: '社会组织', en: 'Social organisation' },
  { code: '03', zh: '个体工商户', en: 'Individual business', aliases: ['个体户'] },
  { code: '04', zh: '学校', en: 'School' },
  { code: '05', zh: '机关事业单位', en: 'Government body or public institution', aliases: ['机关', '事业单位'] },
  { code: '99', zh: '其他', en: 'Other' },
]);

const schoolType = table(
  'schoolType',
  '办学类型',
  'School type',
  'local: shizhi (a short list for 校园及周边; GB/T 33782-2017 表4 has finer 3-digit 办学类型 codes, e.g. 111 幼儿园, 211 小学, 311 初级中学, 342 高级中学, which this table does not use)',
  [
    { code: '01', zh: '幼儿园', en: 'Kindergarten' },
    { code: '02', zh: '小学', en: 'Primary school' },
    { code: '03', zh: '初中', en: 'Junior secondary school', aliases: ['初级中学'] },
    { code: '04', zh: '高中', en: 'Senior secondary school', aliases: ['高级中学', '完全中学'] },
    { code: '05', zh: '中等职业学校', en: 'Secondary vocational school', aliases: ['中职', '职业高中', '技工学校'] },
    { code: '06', zh: '高等学校', en: 'Higher education', aliases: ['高校', '大学'] },
    { code: '07', zh: '特殊教育学校', en: 'Special education school', aliases: ['特殊教育'] },
    { code: '08', zh: '培训机构', en: 'Training institution' },
    { code: '99', zh: '其他', en: 'Other' },
  ],
);

export const registerCodeTables = {
  personType,
  gender,
  ethnicity,
  idType,
  relationToHead,
  maritalStatus,
  politicalStatus,
  education,
  religion,
  occupationCategory,
  inflowReason,
  permitType,
  residenceType,
  visitPurpose,
  nationality,
  householdKind,
  houseUse,
  buildingUse,
  propertyType,
  rentalUse,
  landlordType,
  hazardGrade,
  hazardType,
  organisationKind,
  enterpriseType,
  socialOrgType,
  attentionLevel,
  schoolType,
} as const;

export type RegisterCodeTableId = keyof typeof registerCodeTables;
export const registerCodeTableIds = Object.keys(registerCodeTables) as RegisterCodeTableId[];

/** The codes of 人口类型, named: the validators branch on them. */
export const personTypes = {
  registered: '01',
  migrant: '02',
  foreign: '03',
  leftBehind: '04',
  unregistered: '05',
} as const;

/** GA/T 517 居民身份证: the document type whose number is a GB 11643 公民身份号码. */
export const residentIdCardType = '111';

// ─── lookups ─────────────────────────────────────────────────────────────────────────────────────

interface TableIndex {
  byCode: Map<string, CodeEntry>;
  /** Every accepted spelling → code. */
  lookup: Map<string, string>;
}

const indexes = new Map<RegisterCodeTableId, TableIndex>();

function indexOf(id: RegisterCodeTableId): TableIndex {
  let index = indexes.get(id);
  if (index) return index;
  const byCode = new Map<string, CodeEntry>();
  const lookup = new Map<string, string>();
  // First spelling wins, and codes are added before names, so a name can never shadow a code.
  const add = (key: string, code: string) => {
    if (key && !lookup.has(key)) lookup.set(key, code);
  };
  const entries = registerCodeTables[id].entries;
  for (const e of entries) {
    byCode.set(e.code, e);
    add(e.code, e.code);
    add(e.code.toLowerCase(), e.code);
  }
  for (const e of entries) if (/^\d+$/.test(e.code)) add(String(Number(e.code)), e.code);
  for (const e of entries) {
    add(e.zh, e.code);
    add(e.en.toLowerCase(), e.code);
    for (const a of e.aliases ?? []) {
      add(a, e.code);
      add(a.toLowerCase(), e.code);
    }
  }
  index = { byCode, lookup };
  indexes.set(id, index);
  return index;
}

export function isCode(table: RegisterCodeTableId, code: string): boolean {
  return indexOf(table).byCode.has(code);
}

/** The entry's label; an unknown code is returned as it is, so a page never shows a blank. */
export function codeLabel(table: RegisterCodeTableId, code: string, locale: 'zh' | 'en' = 'zh'): string {
  const entry = indexOf(table).byCode.get(code);
  if (!entry) return code;
  return locale === 'en' ? entry.en : entry.zh;
}

/**
 * Reads an import cell or form value: the code ("01"), an unpadded code ("1"), the Chinese name
 * ("汉族"), a short or legacy name ("汉", "毛难族"), an alias or the English name (any case).
 */
export function resolveCode(table: RegisterCodeTableId, text: string): string | undefined {
  return codeResolver(table)(text);
}

const digitsOnly = /^\d+$/;

/** resolveCode bound to one table, for a hot loop (the import reads every cell through one). */
export function codeResolver(table: RegisterCodeTableId): (text: string) => string | undefined {
  const { lookup } = indexOf(table);
  return (text) => {
    const hit = lookup.get(text);
    if (hit !== undefined) return hit;
    const t = text.trim();
    if (t === '') return undefined;
    if (t !== text) {
      const trimmed = lookup.get(t);
      if (trimmed !== undefined) return trimmed;
    }
    if (digitsOnly.test(t)) return lookup.get(String(Number(t)));
    return lookup.get(t.toLowerCase());
  };
}
