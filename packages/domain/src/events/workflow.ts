/**
 * The event loop (事件流转) as data: states, actions, who may take each action from which state, and
 * which deadline clock each action starts or stops. The API applies actions with `applyEventAction`;
 * the web asks `allowedActions` which buttons to show. One definition, so they cannot disagree.
 *
 * The loop follows the 数字城管 seven steps and the 12345 order flow:
 * 上报 → 受理/不予受理 → 派遣 → 签收 → 处置 → 反馈 → 核查 (通过→结案 / 不通过→返工) → 评价/回访,
 * with 自行处置 (a grid worker settles a small matter on the spot, still verified), 逐级上报 (escalate)
 * and 下派 (hand down), 挂起 (suspend: stops the clock) and 延期 (extension, needs approval).
 */
export const eventStates = [
  'reported', // 已上报，待受理
  'rejected', // 不予受理 (terminal)
  'accepted', // 已受理，待派遣
  'dispatched', // 已派遣，待签收
  'in_progress', // 处置中
  'suspended', // 挂起
  'feedback', // 已反馈，待核查
  'closed', // 已结案，待评价
  'evaluated', // 已评价 (terminal)
] as const;
export type EventState = (typeof eventStates)[number];

export const eventStateLabels: Record<EventState, { zh: string; en: string }> = {
  reported: { zh: '待受理', en: 'Reported' },
  rejected: { zh: '不予受理', en: 'Rejected' },
  accepted: { zh: '待派遣', en: 'Accepted' },
  dispatched: { zh: '待签收', en: 'Dispatched' },
  in_progress: { zh: '处置中', en: 'In progress' },
  suspended: { zh: '已挂起', en: 'Suspended' },
  feedback: { zh: '待核查', en: 'Awaiting verification' },
  closed: { zh: '已结案', en: 'Closed' },
  evaluated: { zh: '已评价', en: 'Evaluated' },
};

/**
 * How the acting user relates to the event; the API works this out from their assignments and scope.
 * - owner: staff of the 综治中心 currently responsible for the event (its `ownerOrgCode`)
 * - assignee: the handler of the lead task (a grid's worker, a department's handler, a lower centre)
 * - coHandler: the handler of a co-handling task (协办)
 * - reporter: whoever reported it (a grid worker, or a citizen holding the tracking code)
 * - upper: staff of a centre above the owner
 */
export const eventParties = ['owner', 'assignee', 'coHandler', 'reporter', 'upper'] as const;
export type EventParty = (typeof eventParties)[number];

export type DeadlineClock = 'accept' | 'handle' | 'verify';

export const eventActions = [
  'accept',
  'reject',
  'dispatch',
  'sign',
  'progress',
  'answer_co_task',
  'feedback',
  'self_handle',
  'verify_pass',
  'verify_fail',
  'escalate',
  'hand_down',
  'suspend',
  'resume',
  'request_extension',
  'approve_extension',
  'deny_extension',
  'rate',
  'revisit',
] as const;
export type EventAction = (typeof eventActions)[number];

export interface ActionRule {
  from: readonly EventState[];
  /** The state after the action; `stay` keeps it, `resume` returns to the state before suspension. */
  to: EventState | 'stay' | 'resume';
  by: readonly EventParty[];
  /** A reason or note the user must write. */
  needsText: boolean;
  /** Clocks this action stops and starts (a stopped clock records whether it was met). */
  stops?: readonly DeadlineClock[];
  starts?: readonly DeadlineClock[];
  label: { zh: string; en: string };
}

export const eventWorkflow: Record<EventAction, ActionRule> = {
  accept: {
    from: ['reported'],
    to: 'accepted',
    by: ['owner'],
    needsText: false,
    stops: ['accept'],
    label: { zh: '受理', en: 'Accept' },
  },
  reject: {
    from: ['reported'],
    to: 'rejected',
    by: ['owner'],
    needsText: true,
    stops: ['accept'],
    label: { zh: '不予受理', en: 'Reject' },
  },
  dispatch: {
    from: ['accepted'],
    to: 'dispatched',
    by: ['owner'],
    needsText: false,
    starts: ['handle'],
    label: { zh: '派遣', en: 'Dispatch' },
  },
  sign: { from: ['dispatched'], to: 'in_progress', by: ['assignee'], needsText: false, label: { zh: '签收', en: 'Sign for' } },
  progress: {
    from: ['in_progress'],
    to: 'stay',
    by: ['assignee', 'coHandler'],
    needsText: true,
    label: { zh: '记录进展', en: 'Add progress' },
  },
  answer_co_task: {
    from: ['dispatched', 'in_progress'],
    to: 'stay',
    by: ['coHandler'],
    needsText: true,
    label: { zh: '协办答复', en: 'Answer co-handling task' },
  },
  feedback: {
    from: ['in_progress'],
    to: 'feedback',
    by: ['assignee'],
    needsText: true,
    stops: ['handle'],
    starts: ['verify'],
    label: { zh: '反馈办理结果', en: 'Report result' },
  },
  self_handle: {
    from: ['reported'],
    to: 'feedback',
    by: ['reporter'],
    needsText: true,
    stops: ['accept'],
    starts: ['verify'],
    label: { zh: '自行处置', en: 'Settled on the spot' },
  },
  verify_pass: {
    from: ['feedback'],
    to: 'closed',
    by: ['owner'],
    needsText: false,
    stops: ['verify'],
    label: { zh: '核查通过并结案', en: 'Verify and close' },
  },
  verify_fail: {
    from: ['feedback'],
    to: 'in_progress',
    by: ['owner'],
    needsText: true,
    stops: ['verify'],
    starts: ['handle'],
    label: { zh: '核查不通过（返工）', en: 'Send back for rework' },
  },
  escalate: {
    from: ['reported', 'accepted', 'dispatched', 'in_progress'],
    to: 'reported',
    by: ['owner', 'assignee'],
    needsText: true,
    stops: ['accept', 'handle'],
    starts: ['accept'],
    label: { zh: '上报上级', en: 'Escalate' },
  },
  hand_down: {
    from: ['reported', 'accepted'],
    to: 'reported',
    by: ['owner'],
    needsText: true,
    stops: ['accept'],
    starts: ['accept'],
    label: { zh: '下派下级', en: 'Hand down' },
  },
  suspend: {
    from: ['dispatched', 'in_progress'],
    to: 'suspended',
    by: ['owner'],
    needsText: true,
    label: { zh: '挂起', en: 'Suspend' },
  },
  resume: { from: ['suspended'], to: 'resume', by: ['owner'], needsText: false, label: { zh: '恢复办理', en: 'Resume' } },
  request_extension: {
    from: ['in_progress'],
    to: 'stay',
    by: ['assignee'],
    needsText: true,
    label: { zh: '申请延期', en: 'Request extension' },
  },
  approve_extension: {
    from: ['in_progress'],
    to: 'stay',
    by: ['owner'],
    needsText: false,
    label: { zh: '批准延期', en: 'Approve extension' },
  },
  deny_extension: {
    from: ['in_progress'],
    to: 'stay',
    by: ['owner'],
    needsText: true,
    label: { zh: '驳回延期', en: 'Deny extension' },
  },
  rate: { from: ['closed'], to: 'evaluated', by: ['reporter'], needsText: false, label: { zh: '评价', en: 'Rate' } },
  revisit: { from: ['closed'], to: 'evaluated', by: ['owner'], needsText: true, label: { zh: '回访', en: 'Follow-up call' } },
};

/** What the workflow needs to know of an event; the rest of the record is the API's business. */
export interface EventSnapshot {
  state: EventState;
  /** The state to return to on resume (set while suspended). */
  suspendedFrom: EventState | null;
  /** Days asked for and not yet decided. */
  pendingExtensionDays: number | null;
  reworkCount: number;
  /** Whether the lead task exists (self-handled events have none until a rework dispatches one). */
  hasLeadTask: boolean;
}

export type ActionRefusal =
  | { reason: 'not_in_state'; allowedFrom: readonly EventState[] }
  | { reason: 'not_allowed_for_party'; allowedBy: readonly EventParty[] }
  | { reason: 'text_required' }
  | { reason: 'no_pending_extension' }
  | { reason: 'extension_pending' };

export interface ActionOutcome {
  next: EventSnapshot;
  stops: readonly DeadlineClock[];
  starts: readonly DeadlineClock[];
}

function extensionGuard(snapshot: EventSnapshot, action: EventAction): ActionRefusal | null {
  if ((action === 'approve_extension' || action === 'deny_extension') && snapshot.pendingExtensionDays === null) {
    return { reason: 'no_pending_extension' };
  }
  if (action === 'request_extension' && snapshot.pendingExtensionDays !== null) return { reason: 'extension_pending' };
  return null;
}

/** Why `action` may not be taken now by someone standing in `parties`, or null if it may. */
export function refuseEventAction(
  snapshot: EventSnapshot,
  action: EventAction,
  parties: ReadonlySet<EventParty>,
  text?: string | null,
): ActionRefusal | null {
  const rule = eventWorkflow[action];
  if (!rule.from.includes(snapshot.state)) return { reason: 'not_in_state', allowedFrom: rule.from };
  if (!rule.by.some((p) => parties.has(p))) return { reason: 'not_allowed_for_party', allowedBy: rule.by };
  const guard = extensionGuard(snapshot, action);
  if (guard) return guard;
  if (rule.needsText && !text?.trim()) return { reason: 'text_required' };
  return null;
}

/** The actions the web shows as buttons for this user on this event. */
export function allowedActions(snapshot: EventSnapshot, parties: ReadonlySet<EventParty>): EventAction[] {
  return eventActions.filter((action) => {
    const refusal = refuseEventAction(snapshot, action, parties, 'x');
    return refusal === null;
  });
}

/**
 * Applies an action that `refuseEventAction` allowed. Pure: the caller persists the next snapshot,
 * the timeline entry and the clock changes in one transaction.
 */
export function applyEventAction(
  snapshot: EventSnapshot,
  action: EventAction,
  input: { extensionDays?: number } = {},
): ActionOutcome {
  const rule = eventWorkflow[action];
  let state: EventState;
  if (rule.to === 'stay') state = snapshot.state;
  else if (rule.to === 'resume') state = snapshot.suspendedFrom ?? 'in_progress';
  else state = rule.to;
  // A rework of a self-handled matter has nobody to hand it back to: it goes to the owner to dispatch.
  if (action === 'verify_fail' && !snapshot.hasLeadTask) state = 'accepted';

  const next: EventSnapshot = {
    ...snapshot,
    state,
    suspendedFrom: action === 'suspend' ? snapshot.state : action === 'resume' ? null : snapshot.suspendedFrom,
    reworkCount: snapshot.reworkCount + (action === 'verify_fail' ? 1 : 0),
    pendingExtensionDays:
      action === 'request_extension'
        ? (input.extensionDays ?? 1)
        : // Feedback ends the handling, so an undecided extension request lapses with it.
          action === 'approve_extension' || action === 'deny_extension' || action === 'feedback'
          ? null
          : snapshot.pendingExtensionDays,
    hasLeadTask: action === 'dispatch' ? true : action === 'escalate' || action === 'hand_down' ? false : snapshot.hasLeadTask,
  };
  const starts =
    action === 'verify_fail' && !snapshot.hasLeadTask ? [] : [...(rule.starts ?? [])];
  return { next, stops: [...(rule.stops ?? [])], starts };
}
