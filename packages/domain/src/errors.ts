/**
 * Every error a user can cause has a stable code. The HTTP edge maps codes to statuses through
 * `errorCatalogue`; the `satisfies Record<…>` makes a code without a mapping a compile error.
 */
export type ErrorCode =
  | 'AUTH.UNAUTHENTICATED'
  | 'AUTH.INVALID_CREDENTIALS'
  | 'AUTH.LOCKED'
  | 'AUTH.CSRF'
  | 'AUTH.FORBIDDEN'
  | 'AUTH.RATE_LIMITED'
  | 'AUTH.API_KEY_INVALID'
  | 'VALIDATION.INVALID'
  | 'NOT_FOUND'
  | 'ORG.NOT_FOUND'
  | 'USER.NOT_FOUND'
  | 'USER.EXISTS'
  | 'EVENT.NOT_FOUND'
  | 'EVENT.NOT_IN_STATE'
  | 'EVENT.NOT_ALLOWED'
  | 'EVENT.SUPERVISION_OPEN'
  | 'EVENT.CATEGORY_UNKNOWN'
  | 'EVENT.LOCATION_UNKNOWN'
  | 'EVENT.TARGET_INVALID'
  | 'DISPUTE.NOT_FOUND'
  | 'DISPUTE.NOT_IN_STATE'
  | 'DISPUTE.NOT_ALLOWED'
  | 'DISPUTE.TARGET_INVALID'
  | 'REGISTER.NOT_FOUND'
  | 'REGISTER.STALE'
  | 'REGISTER.DUPLICATE'
  | 'REGISTER.NOT_IN_STATE'
  | 'REGISTER.TARGET_INVALID'
  | 'REGISTER.EXPORT_TOO_LARGE'
  | 'CONFLICT'
  | 'INTERNAL';

interface ErrorSpec {
  status: number;
  zh: string;
  en: string;
}

export const errorCatalogue = {
  'AUTH.UNAUTHENTICATED': { status: 401, zh: '请先登录', en: 'Please sign in' },
  'AUTH.INVALID_CREDENTIALS': { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  'AUTH.LOCKED': {
    status: 423,
    zh: '连续登录失败次数过多，账号已临时锁定，请稍后再试',
    en: 'Too many failed sign-ins; the account is locked for a while',
  },
  'AUTH.CSRF': { status: 403, zh: '请求来源校验失败，请刷新页面后重试', en: 'Request origin check failed; reload and retry' },
  'AUTH.FORBIDDEN': { status: 403, zh: '当前角色无权执行此操作', en: 'Your role may not do this' },
  'AUTH.RATE_LIMITED': { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  'AUTH.API_KEY_INVALID': { status: 401, zh: 'API 密钥缺失、无效或已停用', en: 'Missing, unknown or disabled API key' },
  'VALIDATION.INVALID': { status: 400, zh: '输入有误', en: 'Invalid input' },
  NOT_FOUND: { status: 404, zh: '未找到', en: 'Not found' },
  'ORG.NOT_FOUND': { status: 404, zh: '未找到该组织单元', en: 'Org unit not found' },
  'USER.NOT_FOUND': { status: 404, zh: '未找到该用户', en: 'User not found' },
  'USER.EXISTS': { status: 409, zh: '用户名已存在', en: 'Username already exists' },
  'EVENT.NOT_FOUND': { status: 404, zh: '未找到该事件', en: 'Event not found' },
  'EVENT.NOT_IN_STATE': { status: 409, zh: '事件当前状态不允许此操作', en: 'The event is not in a state that allows this' },
  'EVENT.NOT_ALLOWED': { status: 403, zh: '您不是此事件该环节的办理人', en: 'You do not handle this step of the event' },
  'EVENT.SUPERVISION_OPEN': {
    status: 409,
    zh: '本中心对该事件的督办单尚未答复，请勿重复督办',
    en: 'Your centre’s supervision order on this event has not been answered yet',
  },
  'EVENT.CATEGORY_UNKNOWN': { status: 400, zh: '事件分类不存在或已停用', en: 'Unknown or inactive category' },
  'EVENT.LOCATION_UNKNOWN': {
    status: 400,
    zh: '无法确定事件所属网格，请在地图上选点或选择网格/社区',
    en: 'Cannot place the event in a grid; pick a point or a grid/community',
  },
  'EVENT.TARGET_INVALID': { status: 400, zh: '派遣或下派对象无效', en: 'Invalid dispatch or hand-down target' },
  'DISPUTE.NOT_FOUND': { status: 404, zh: '未找到该纠纷案件', en: 'Dispute case not found' },
  'DISPUTE.NOT_IN_STATE': { status: 409, zh: '纠纷案件当前状态不允许此操作', en: 'The case is not in a state that allows this' },
  'DISPUTE.NOT_ALLOWED': { status: 403, zh: '您不是此纠纷案件该环节的办理人', en: 'You do not handle this step of the case' },
  'DISPUTE.TARGET_INVALID': { status: 400, zh: '调解组织、调解员或关联对象无效', en: 'Invalid mediation body, mediator or linked record' },
  'REGISTER.NOT_FOUND': { status: 404, zh: '未找到该登记记录', en: 'Register record not found' },
  'REGISTER.STALE': { status: 409, zh: '该记录已被他人修改，请刷新后重试', en: 'The record was changed by someone else; reload and retry' },
  'REGISTER.DUPLICATE': { status: 409, zh: '该证件号码或编号已登记', en: 'This ID number or code is already registered' },
  'REGISTER.NOT_IN_STATE': { status: 409, zh: '记录当前状态不允许此操作', en: 'The record is not in a state that allows this' },
  'REGISTER.TARGET_INVALID': { status: 400, zh: '网格、地址、户或单位无效或不在您的范围内', en: 'Invalid grid, address, household or organisation, or outside your area' },
  'REGISTER.EXPORT_TOO_LARGE': {
    status: 400,
    zh: '导出行数超过 200,000 行，请按街道、社区或网格筛选后分批导出',
    en: 'More than 200,000 rows; filter by street, community or grid and export in parts',
  },
  CONFLICT: { status: 409, zh: '数据已被他人修改，请刷新后重试', en: 'Changed by someone else; reload and retry' },
  INTERNAL: { status: 500, zh: '系统内部错误', en: 'Internal error' },
} as const satisfies Record<ErrorCode, ErrorSpec>;

export type Locale = 'zh-CN' | 'en';

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly detail: string | undefined;

  constructor(code: ErrorCode, options: { field?: string; detail?: string } = {}) {
    super(options.detail ? `${code}: ${options.detail}` : code);
    this.name = 'DomainError';
    this.code = code;
    this.field = options.field;
    this.detail = options.detail;
  }

  get status(): number {
    return errorCatalogue[this.code].status;
  }
}

export function errorMessage(code: ErrorCode, locale: Locale): string {
  const spec = errorCatalogue[code];
  return locale === 'en' ? spec.en : spec.zh;
}

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}
