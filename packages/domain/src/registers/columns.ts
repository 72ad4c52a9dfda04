import type { RegisterCodeTableId } from './codes.ts';

/**
 * The import/export columns of each register, in template order. The template's header row is
 * `header` (a trailing * marks a required column); files may use `headerEn` or an alias instead.
 * Column items follow the GB/T 31000 data items as implemented (anchors-china.md §1.3).
 */
export type RegisterKind = 'population' | 'houses' | 'organisations';
export const registerKinds = ['population', 'houses', 'organisations'] as const satisfies readonly RegisterKind[];

export type ColumnKind =
  | 'text'
  | 'code'
  | 'date'
  | 'int'
  | 'decimal'
  | 'bool'
  | 'idNumber'
  | 'phone'
  | 'division'
  | 'uscc'
  | 'gridCode'
  | 'lng'
  | 'lat';

export interface RegisterColumn {
  /** The record field, or 'details.x' for a person's type-specific item. */
  readonly key: string;
  readonly header: string;
  readonly headerEn: string;
  /** 'by-type': required for some 人口类型 (or, for houses and organisations, when another cell says so). */
  readonly required: boolean | 'by-type';
  readonly kind: ColumnKind;
  readonly table?: RegisterCodeTableId;
  readonly maxLength?: number;
  /** A valid sample cell, shown in the template. */
  readonly example: string;
  /** Help shown in the template (zh). */
  readonly note: string;
  /** Other headers seen in the wild for this column. */
  readonly aliases?: readonly string[];
}

type Spec = Omit<RegisterColumn, 'required'> & { required?: RegisterColumn['required'] };
const col = (spec: Spec): RegisterColumn => ({ required: false, ...spec });
const code = (key: string, header: string, headerEn: string, table: RegisterCodeTableId, example: string, extra: Partial<Spec> = {}) =>
  col({ key, header, headerEn, kind: 'code', table, example, note: `填写代码或名称，见“${header}”代码表`, ...extra });

const population: readonly RegisterColumn[] = [
  code('personType', '人口类型', 'Population type', 'personType', '户籍人口', {
    required: true,
    note: '户籍人口、流动人口、境外人员、留守人员、未落户人员（或代码 01–05）',
  }),
  col({ key: 'name', header: '姓名', headerEn: 'Name', required: true, kind: 'text', maxLength: 60, example: '王建国', note: '与证件一致', aliases: ['中文姓名'] }),
  col({ key: 'formerName', header: '曾用名', headerEn: 'Former name', kind: 'text', maxLength: 60, example: '王建军', note: '' }),
  code('gender', '性别', 'Gender', 'gender', '男', { note: '男/女；留空时按公民身份号码推算' }),
  col({ key: 'birthDate', header: '出生日期', headerEn: 'Date of birth', kind: 'date', example: '1985-03-12', note: '2024-01-05、2024/1/5 或 20240105；留空时按公民身份号码推算', aliases: ['出生年月日'] }),
  code('ethnicity', '民族', 'Ethnicity', 'ethnicity', '汉族', { note: 'GB 3304 民族名称或代码，如 汉族、蒙古族、02' }),
  col({ key: 'nativePlace', header: '籍贯', headerEn: 'Native place', kind: 'text', maxLength: 60, example: '内蒙古鄂尔多斯', note: '' }),
  code('maritalStatus', '婚姻状况', 'Marital status', 'maritalStatus', '已婚'),
  code('politicalStatus', '政治面貌', 'Political status', 'politicalStatus', '群众'),
  code('education', '学历', 'Education', 'education', '大学本科教育', { aliases: ['文化程度'] }),
  code('religion', '宗教信仰', 'Religion', 'religion', '无宗教信仰'),
  code('occupationCategory', '职业类别', 'Occupation category', 'occupationCategory', '专业技术人员'),
  col({ key: 'occupation', header: '职业', headerEn: 'Occupation', kind: 'text', maxLength: 60, example: '教师', note: '' }),
  col({ key: 'workplace', header: '服务处所', headerEn: 'Workplace', kind: 'text', maxLength: 100, example: '东胜区第一中学', note: '工作单位或就读学校', aliases: ['工作单位'] }),
  code('idType', '证件类型', 'ID document type', 'idType', '居民身份证', {
    required: 'by-type',
    note: '境外人员必填（如 普通护照）；其他人员留空即居民身份证',
    aliases: ['证件代码'],
  }),
  col({
    key: 'idNumber',
    header: '公民身份号码',
    headerEn: 'ID number',
    required: true,
    kind: 'idNumber',
    maxLength: 40,
    example: '150602198503120018',
    note: '居民身份证填18位公民身份号码（末位X可小写）；境外人员填所持证件号码',
    aliases: ['身份证号', '身份证号码', '身份证', '证件号码', '公民身份证号码'],
  }),
  col({
    key: 'phone',
    header: '联系电话',
    headerEn: 'Phone',
    kind: 'phone',
    example: '13800471234',
    note: '11位手机号码，或带区号的固定电话（如 0477-8581234）',
    aliases: ['手机号', '手机号码', '联系方式', '电话'],
  }),
  col({ key: 'registeredDivision', header: '户籍地', headerEn: 'Registered division', kind: 'division', example: '150602', note: '6位县级区划代码或完整名称（如 内蒙古自治区鄂尔多斯市东胜区）', aliases: ['户籍所在地'] }),
  col({ key: 'registeredAddress', header: '户籍门（楼）详址', headerEn: 'Registered address', kind: 'text', maxLength: 100, example: '东胜区天骄街道办事处宝日陶亥东街12号', note: '', aliases: ['户籍门(楼)详址', '户籍门楼详址', '户籍详址', '户籍地址'] }),
  col({ key: 'gridCode', header: '所属网格', headerEn: 'Grid code', kind: 'gridCode', example: '150602006001001', note: '15位网格编码；留空时按房屋编号所在网格', aliases: ['网格编码', '所属网格编码'] }),
  col({ key: 'houseCode', header: '房屋编号', headerEn: 'House code', kind: 'text', maxLength: 40, example: '1506020060010010010101', note: '现住房屋在实有房屋中的编号', aliases: ['现住房屋编号'] }),
  col({ key: 'residenceAddress', header: '现住门（楼）详址', headerEn: 'Residence address', kind: 'text', maxLength: 100, example: '天骄街道伊泰华府小区3号楼2单元101室', note: '', aliases: ['现住门(楼)详址', '现住门楼详址', '现住址', '现住地址', '现居住地址'] }),
  col({ key: 'householdNumber', header: '户号', headerEn: 'Household number', kind: 'text', maxLength: 30, example: '150602006001', note: '户籍人口填写户口簿上的户号', aliases: ['户编号'] }),
  code('relationToHead', '与户主关系', 'Relation to head', 'relationToHead', '户主'),
  col({ key: 'personHouseholdConsistent', header: '人户一致', headerEn: 'Lives at registered address', kind: 'bool', example: '是', note: '是/否', aliases: ['人户一致标识', '是否人户一致'] }),
  code('details.inflowReason', '流入原因', 'Reason for moving in', 'inflowReason', '务工', { required: 'by-type', note: '流动人口必填' }),
  code('details.permitType', '办证类型', 'Permit type', 'permitType', '居住证', { note: '流动人口填写' }),
  col({ key: 'details.permitNumber', header: '居住证件号码', headerEn: 'Permit number', kind: 'text', maxLength: 40, example: 'JZ1506022024000123', note: '流动人口所办居住证/暂住证号码', aliases: ['居住证号码', '居住证号'] }),
  col({ key: 'details.registeredOn', header: '登记日期', headerEn: 'Registered on', kind: 'date', example: '2024-03-01', note: '流动人口居住登记日期' }),
  col({ key: 'details.permitExpires', header: '证件到期日期', headerEn: 'Permit expires', kind: 'date', example: '2025-02-28', note: '流动人口居住证到期日期', aliases: ['居住证到期日期'] }),
  code('details.residenceType', '住所类型', 'Type of residence', 'residenceType', '租赁房屋', { note: '流动人口填写' }),
  col({ key: 'details.foreignSurname', header: '外文姓', headerEn: 'Surname (foreign)', required: 'by-type', kind: 'text', maxLength: 80, example: 'IVANOV', note: '境外人员必填，与护照一致' }),
  col({ key: 'details.foreignGivenName', header: '外文名', headerEn: 'Given name (foreign)', kind: 'text', maxLength: 80, example: 'SERGEI', note: '境外人员填写' }),
  code('details.nationality', '国籍（地区）', 'Nationality', 'nationality', 'RUS', { required: 'by-type', note: '境外人员必填：三字母代码或中文名，如 RUS、蒙古国', aliases: ['国籍', '国籍(地区)', '国家地区'] }),
  code('details.visitPurpose', '来华目的', 'Purpose of stay', 'visitPurpose', '就业', { note: '境外人员填写' }),
  col({ key: 'details.arrivalDate', header: '抵达日期', headerEn: 'Arrival date', kind: 'date', example: '2024-05-20', note: '境外人员填写' }),
  col({ key: 'details.expectedDeparture', header: '预计离开日期', headerEn: 'Expected departure', kind: 'date', example: '2025-05-19', note: '境外人员填写' }),
  col({ key: 'details.leftBehindKind', header: '留守类型', headerEn: 'Left-behind kind', kind: 'text', maxLength: 20, example: '留守老人', note: '留守儿童、留守老人、留守妇女等' }),
  col({ key: 'details.unregisteredReason', header: '未落户原因', headerEn: 'Reason not registered', required: 'by-type', kind: 'text', maxLength: 100, example: '超生未落户', note: '未落户人员必填' }),
  col({ key: 'details.note', header: '备注', headerEn: 'Note', kind: 'text', maxLength: 300, example: '', note: '' }),
];

const houses: readonly RegisterColumn[] = [
  col({ key: 'code', header: '房屋编号', headerEn: 'House code', required: true, kind: 'text', maxLength: 40, example: '1506020060010010010101', note: '本县（区）内唯一；一标地址编码或本地编号', aliases: ['房屋编码'] }),
  col({ key: 'gridCode', header: '所属网格', headerEn: 'Grid code', required: true, kind: 'gridCode', example: '150602006001001', note: '15位网格编码', aliases: ['网格编码', '所属网格编码'] }),
  col({ key: 'compound', header: '小区（街路巷）', headerEn: 'Compound or street', required: true, kind: 'text', maxLength: 60, example: '伊泰华府', note: '', aliases: ['小区', '小区名称', '街路巷'] }),
  col({ key: 'building', header: '楼栋', headerEn: 'Building', kind: 'text', maxLength: 20, example: '3号楼', note: '', aliases: ['楼号'] }),
  col({ key: 'unit', header: '单元', headerEn: 'Unit', kind: 'text', maxLength: 20, example: '2单元', note: '' }),
  col({ key: 'room', header: '户室', headerEn: 'Room', kind: 'text', maxLength: 20, example: '101', note: '门牌号或户室号', aliases: ['门牌号', '室号', '房号'] }),
  code('buildingUse', '建筑用途', 'Building use', 'buildingUse', '住宅'),
  code('houseUse', '房屋用途', 'House use', 'houseUse', '自住'),
  col({ key: 'area', header: '建筑面积', headerEn: 'Floor area (m²)', kind: 'decimal', example: '89.5', note: '平方米', aliases: ['建筑面积（㎡）', '建筑面积(平方米)', '面积'] }),
  code('propertyType', '产权类型', 'Ownership type', 'propertyType', '个人产权'),
  col({ key: 'ownerName', header: '房主姓名', headerEn: 'Owner name', kind: 'text', maxLength: 60, example: '李桂兰', note: '', aliases: ['产权人', '房主'] }),
  code('ownerIdType', '房主证件类型', 'Owner ID type', 'idType', '居民身份证', { note: '留空即居民身份证' }),
  col({ key: 'ownerIdNumber', header: '房主证件号码', headerEn: 'Owner ID number', kind: 'idNumber', maxLength: 40, example: '150602196807150022', note: '', aliases: ['房主身份证号', '房主公民身份号码'] }),
  col({ key: 'ownerPhone', header: '房主联系电话', headerEn: 'Owner phone', kind: 'phone', example: '13947701234', note: '', aliases: ['房主联系方式', '房主电话'] }),
  col({ key: 'rental', header: '是否出租', headerEn: 'Rented out', kind: 'bool', example: '否', note: '是/否', aliases: ['出租房屋'] }),
  code('rentalUse', '出租用途', 'Rental use', 'rentalUse', '住房', { required: 'by-type', note: '出租房屋必填' }),
  code('landlordType', '出租人类型', 'Landlord type', 'landlordType', '个人', { note: '出租房屋填写：个人/单位' }),
  col({ key: 'maxOccupants', header: '限住人数', headerEn: 'Occupancy limit', kind: 'int', example: '4', note: '' }),
  col({ key: 'actualOccupants', header: '实住人数', headerEn: 'Occupants', kind: 'int', example: '3', note: '' }),
  col({ key: 'pledgeSigned', header: '是否签订治安责任保证书', headerEn: 'Security pledge signed', kind: 'bool', example: '是', note: '出租房屋填写', aliases: ['治安责任保证书'] }),
  code('hazardGrade', '隐患等级', 'Hazard grade', 'hazardGrade', '安全', { note: '严重/一般/安全' }),
  code('hazardType', '隐患类型', 'Hazard type', 'hazardType', '无', { aliases: ['安全隐患类型'] }),
  col({ key: 'lng', header: '经度', headerEn: 'Longitude', kind: 'lng', example: '109.9813', note: '十进制度' }),
  col({ key: 'lat', header: '纬度', headerEn: 'Latitude', kind: 'lat', example: '39.8169', note: '十进制度' }),
];

const organisations: readonly RegisterColumn[] = [
  col({ key: 'code', header: '统一社会信用代码', headerEn: 'Credit code', required: true, kind: 'uscc', maxLength: 30, example: '91150602MA0N4XKQ22', note: '18位统一社会信用代码（校验位核对）；没有的填登记证号或本地编号', aliases: ['信用代码', '登记证号', '单位编码', '统一信用代码'] }),
  col({ key: 'name', header: '单位名称', headerEn: 'Name', required: true, kind: 'text', maxLength: 100, example: '鄂尔多斯市东胜区草原物流有限公司', note: '', aliases: ['名称', '组织名称'] }),
  code('kind', '单位类型', 'Organisation kind', 'organisationKind', '非公有制经济组织', { required: true }),
  col({ key: 'category', header: '单位类别', headerEn: 'Category', kind: 'text', maxLength: 40, example: '内资企业', note: '企业填企业类型，社会组织填社会组织类型', aliases: ['类别', '企业类型', '社会组织类型'] }),
  col({ key: 'gridCode', header: '所属网格', headerEn: 'Grid code', required: true, kind: 'gridCode', example: '150602006001001', note: '15位网格编码', aliases: ['网格编码', '所属网格编码'] }),
  col({ key: 'address', header: '单位地址', headerEn: 'Address', kind: 'text', maxLength: 100, example: '东胜区天骄路18号', note: '', aliases: ['地址', '住所', '办公地址'] }),
  col({ key: 'legalRepName', header: '法定代表人', headerEn: 'Legal representative', kind: 'text', maxLength: 60, example: '张海峰', note: '', aliases: ['法定代表人姓名', '负责人'] }),
  col({ key: 'legalRepIdNumber', header: '法定代表人证件号码', headerEn: 'Legal representative ID', kind: 'idNumber', maxLength: 40, example: '150602197604230019', note: '', aliases: ['法定代表人公民身份号码', '法定代表人身份证号'] }),
  col({ key: 'legalRepPhone', header: '法定代表人联系电话', headerEn: 'Legal representative phone', kind: 'phone', example: '15847701234', note: '', aliases: ['法定代表人联系方式', '联系电话'] }),
  col({ key: 'securityHeadName', header: '治保负责人', headerEn: 'Security head', kind: 'text', maxLength: 60, example: '刘强', note: '' }),
  col({ key: 'employees', header: '从业人数', headerEn: 'Employees', kind: 'int', example: '35', note: '', aliases: ['员工数', '员工人数'] }),
  col({ key: 'hazardousChemicals', header: '是否危化企业', headerEn: 'Hazardous chemicals', kind: 'bool', example: '否', note: '是/否' }),
  code('hazardType', '安全隐患类型', 'Hazard type', 'hazardType', '无', { aliases: ['隐患类型'] }),
  code('attentionLevel', '关注程度', 'Attention level', 'attentionLevel', '低'),
  col({ key: 'partyOrg', header: '是否有党组织', headerEn: 'Party organisation', kind: 'bool', example: '是', note: '是/否', aliases: ['是否有中共党组织'] }),
  code('schoolType', '办学类型', 'School type', 'schoolType', '小学', { required: 'by-type', note: '学校必填' }),
  col({ key: 'students', header: '在校学生数', headerEn: 'Students', kind: 'int', example: '1200', note: '学校填写' }),
  col({ key: 'staff', header: '教职工数', headerEn: 'Staff', kind: 'int', example: '96', note: '学校填写' }),
  col({ key: 'securityStaff', header: '安全保卫人数', headerEn: 'Security staff', kind: 'int', example: '6', note: '学校填写' }),
  col({ key: 'principalName', header: '校长姓名', headerEn: 'Principal', kind: 'text', maxLength: 60, example: '赵丽', note: '学校填写', aliases: ['校长'] }),
];

export const registerColumns: Record<RegisterKind, readonly RegisterColumn[]> = { population, houses, organisations };

export interface HeaderMapping {
  /** For each cell of the header row, its column, or null when the cell names none (or repeats one). */
  positions: (RegisterColumn | null)[];
  /** Required columns the file does not have. */
  missing: RegisterColumn[];
  /** Header cells that name no column (blank cells are ignored). */
  unknown: string[];
  /** Headers naming a column already seen earlier in the row. */
  duplicated: string[];
}

/** Strips spaces, a trailing * (required marker), and folds full-width brackets and case. */
function normaliseHeader(text: string): string {
  return text
    .replace(/[\s\u3000]+/g, '')
    .replace(/^[*＊]+|[*＊]+$/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .toLowerCase();
}

const headerIndexes = new Map<RegisterKind, Map<string, RegisterColumn>>();

function headerIndex(kind: RegisterKind): Map<string, RegisterColumn> {
  let index = headerIndexes.get(kind);
  if (index) return index;
  index = new Map();
  const columns = registerColumns[kind];
  // Headers first, then English headers, then aliases: an alias never takes another column's header.
  for (const c of columns) index.set(normaliseHeader(c.header), c);
  for (const c of columns) if (!index.has(normaliseHeader(c.headerEn))) index.set(normaliseHeader(c.headerEn), c);
  for (const c of columns) for (const a of c.aliases ?? []) if (!index.has(normaliseHeader(a))) index.set(normaliseHeader(a), c);
  headerIndexes.set(kind, index);
  return index;
}

export function mapHeader(kind: RegisterKind, headerCells: readonly string[]): HeaderMapping {
  const index = headerIndex(kind);
  const seen = new Set<RegisterColumn>();
  const positions: (RegisterColumn | null)[] = [];
  const unknown: string[] = [];
  const duplicated: string[] = [];
  for (const cell of headerCells) {
    const key = normaliseHeader(cell ?? '');
    const column = key === '' ? undefined : index.get(key);
    if (!column) {
      if (key !== '') unknown.push(cell.trim());
      positions.push(null);
    } else if (seen.has(column)) {
      duplicated.push(cell.trim());
      positions.push(null);
    } else {
      seen.add(column);
      positions.push(column);
    }
  }
  const missing = registerColumns[kind].filter((c) => c.required === true && !seen.has(c));
  return { positions, missing, unknown, duplicated };
}
