/**
 * A dispute case (矛盾纠纷调处) as data: states, actions, who may take each action from which state,
 * and what each does to the 化解时限 clock. The API applies actions with `applyDisputeAction`; the web
 * asks `allowedDisputeActions` which buttons to show.
 *
 * 登记 → 受理 / 不予受理 → 分派 (调解组织 + 调解员) → 调解中 (排期, 笔录) → 达成协议 / 口头协议 / 调解不成
 * (引导诉讼/仲裁/行政 + 稳控措施) → 回访 → 结案; a case whose agreement fails later is reopened, keeping
 * its history (anchors-china §4.2, §9 M8).
 */
import { confirmationDeadline, confirmationWindowDays } from '../documents/judicial-confirmation.ts';
import type { JudicialState } from './catalogue.ts';

export const disputeStates = [
  'registered', // 已登记，待受理
  'refused', // 不予受理 (terminal)
  'accepted', // 已受理，待分派
  'assigned', // 已分派，待调解
  'mediating', // 调解中
  'settled', // 已达成协议，回访中
  'failed', // 调解不成，已引导
  'closed', // 已结案
] as const;
export type DisputeState = (typeof disputeStates)[number];

export const disputeStateLabels: Record<DisputeState, { zh: string; en: string }> = {
  registered: { zh: '待受理', en: 'Registered' },
  refused: { zh: '不予受理', en: 'Refused' },
  accepted: { zh: '待分派', en: 'Accepted' },
  assigned: { zh: '待调解', en: 'Assigned' },
  mediating: { zh: '调解中', en: 'In mediation' },
  settled: { zh: '已达成协议', en: 'Agreement reached' },
  failed: { zh: '调解不成', en: 'No agreement' },
  closed: { zh: '已结案', en: 'Closed' },
};

/** States in which the case is still being worked on (the mediator's load counts these). */
export const openDisputeStates: readonly DisputeState[] = ['registered', 'accepted', 'assigned', 'mediating'];

/**
 * How the acting user relates to the case; the API works it out from assignments and the case.
 * - centre: staff of the 综治中心 holding the case (its owner level)
 * - mediator: the mediator assigned to it
 * - upper: staff of a centre above the owner (they see and evaluate, they do not mediate)
 */
export const disputeParties = ['centre', 'mediator', 'upper'] as const;
export type DisputeParty = (typeof disputeParties)[number];

export const disputeActions = [
  'accept',
  'refuse',
  'triage',
  'assign',
  'schedule_session',
  'record_session',
  'extend',
  'record_agreement',
  'record_failure',
  'record_follow_up',
  'record_signing',
  'record_judicial',
  'close',
  'reopen',
  'evaluate',
] as const;
export type DisputeAction = (typeof disputeActions)[number];

export interface DisputeActionRule {
  from: readonly DisputeState[];
  to: DisputeState | 'stay';
  by: readonly DisputeParty[];
  /** A reason or note the user must write. */
  needsText: boolean;
  /** What the action does to the 化解时限 clock. */
  clock?: 'start' | 'stop';
  label: { zh: string; en: string };
}

const working: readonly DisputeState[] = ['assigned', 'mediating'];

export const disputeWorkflow: Record<DisputeAction, DisputeActionRule> = {
  accept: { from: ['registered'], to: 'accepted', by: ['centre'], needsText: false, clock: 'start', label: { zh: '受理', en: 'Accept' } },
  refuse: { from: ['registered'], to: 'refused', by: ['centre'], needsText: true, label: { zh: '不予受理', en: 'Refuse' } },
  triage: {
    from: ['registered', 'accepted', 'assigned', 'mediating'],
    to: 'stay',
    by: ['centre'],
    needsText: false,
    label: { zh: '风险研判', en: 'Assess risk' },
  },
  assign: {
    from: ['accepted', 'assigned', 'mediating'],
    to: 'assigned',
    by: ['centre'],
    needsText: false,
    label: { zh: '分派调解', en: 'Assign' },
  },
  schedule_session: {
    from: working,
    to: 'mediating',
    by: ['centre', 'mediator'],
    needsText: false,
    label: { zh: '预约调解', en: 'Schedule a session' },
  },
  record_session: {
    from: ['mediating'],
    to: 'stay',
    by: ['mediator', 'centre'],
    needsText: true,
    label: { zh: '记录调解笔录', en: 'Record a session' },
  },
  extend: {
    from: working,
    to: 'stay',
    by: ['mediator', 'centre'],
    needsText: true,
    label: { zh: '延长调解期限（经当事人同意）', en: 'Extend with the parties’ consent' },
  },
  record_agreement: {
    from: ['mediating'],
    to: 'settled',
    by: ['mediator', 'centre'],
    needsText: true,
    clock: 'stop',
    label: { zh: '登记调解协议', en: 'Record the agreement' },
  },
  record_failure: {
    from: working,
    to: 'failed',
    by: ['mediator', 'centre'],
    needsText: true,
    clock: 'stop',
    label: { zh: '调解不成', en: 'Record no agreement' },
  },
  record_follow_up: {
    from: ['settled'],
    to: 'stay',
    by: ['mediator', 'centre'],
    needsText: true,
    label: { zh: '登记回访', en: 'Record a follow-up visit' },
  },
  record_signing: {
    from: ['settled', 'closed'],
    to: 'stay',
    by: ['mediator', 'centre'],
    needsText: false,
    label: { zh: '登记协议书签署', en: 'Record the signed agreement' },
  },
  record_judicial: {
    from: ['settled', 'closed'],
    to: 'stay',
    by: ['mediator', 'centre'],
    needsText: false,
    label: { zh: '登记司法确认', en: 'Record judicial confirmation' },
  },
  close: { from: ['settled', 'failed'], to: 'closed', by: ['centre'], needsText: false, label: { zh: '结案', en: 'Close' } },
  reopen: {
    from: ['settled', 'closed'],
    to: 'assigned',
    by: ['centre'],
    needsText: true,
    clock: 'start',
    label: { zh: '协议反悔，重新调解', en: 'Reopen: the agreement failed' },
  },
  evaluate: { from: ['closed'], to: 'stay', by: ['centre', 'upper'], needsText: true, label: { zh: '考评', en: 'Evaluate' } },
};

/** What the workflow needs to know of a case. */
export interface DisputeSnapshot {
  state: DisputeState;
  hasMediator: boolean;
  /** The outcome reached (null until one is); a reopened case keeps the previous one in its history. */
  outcome: 'agreement' | 'oral_agreement' | 'failed' | null;
  /** Follow-up visits recorded since the agreement. */
  followUpsDone: number;
  reopenCount: number;
  /** 司法确认: applied, confirmed or rejected by the court (null: not applied). */
  judicialState?: JudicialState | null;
  /** The day every party and the mediator signed the 调解协议书 (it takes effect then, 人民调解法 Art. 29). */
  agreementSignedOn?: string | null;
}

export type DisputeRefusal =
  | { reason: 'not_in_state'; allowedFrom: readonly DisputeState[] }
  | { reason: 'not_allowed_for_party'; allowedBy: readonly DisputeParty[] }
  | { reason: 'text_required' }
  | { reason: 'no_mediator' }
  | { reason: 'follow_up_missing' }
  | { reason: 'not_an_agreement' }
  | { reason: 'already_signed' }
  | { reason: 'judicial_decided' };

function guard(snapshot: DisputeSnapshot, action: DisputeAction): DisputeRefusal | null {
  if ((action === 'schedule_session' || action === 'record_session') && !snapshot.hasMediator) return { reason: 'no_mediator' };
  // A settled case is closed only once someone has asked the parties whether the agreement holds.
  if (action === 'close' && snapshot.state === 'settled' && snapshot.followUpsDone === 0) return { reason: 'follow_up_missing' };
  if ((action === 'record_judicial' || action === 'record_signing') && snapshot.outcome !== 'agreement') return { reason: 'not_an_agreement' };
  if (action === 'record_signing' && snapshot.agreementSignedOn) return { reason: 'already_signed' };
  // The court's answer is final for this agreement: a rejected one is changed by a new mediation or taken to court.
  if (action === 'record_judicial' && (snapshot.judicialState === 'confirmed' || snapshot.judicialState === 'rejected')) return { reason: 'judicial_decided' };
  if (action === 'reopen' && snapshot.outcome === 'failed') return { reason: 'not_an_agreement' };
  return null;
}

/** Why `action` may not be taken now by someone standing in `parties`, or null if it may. */
export function refuseDisputeAction(
  snapshot: DisputeSnapshot,
  action: DisputeAction,
  parties: ReadonlySet<DisputeParty>,
  text?: string | null,
): DisputeRefusal | null {
  const rule = disputeWorkflow[action];
  if (!rule.from.includes(snapshot.state)) return { reason: 'not_in_state', allowedFrom: rule.from };
  if (!rule.by.some((p) => parties.has(p))) return { reason: 'not_allowed_for_party', allowedBy: rule.by };
  const refused = guard(snapshot, action);
  if (refused) return refused;
  if (rule.needsText && !text?.trim()) return { reason: 'text_required' };
  return null;
}

/** The actions the web shows as buttons for this user on this case. */
export function allowedDisputeActions(snapshot: DisputeSnapshot, parties: ReadonlySet<DisputeParty>): DisputeAction[] {
  return disputeActions.filter((action) => refuseDisputeAction(snapshot, action, parties, 'x') === null);
}

export interface DisputeActionOutcome {
  next: DisputeSnapshot;
  clock: 'start' | 'stop' | null;
}

/**
 * Applies an action that `refuseDisputeAction` allowed. Pure: the caller persists the next snapshot,
 * the timeline entry and the clock change in one transaction.
 */
export function applyDisputeAction(
  snapshot: DisputeSnapshot,
  action: DisputeAction,
  input: { outcome?: 'agreement' | 'oral_agreement'; judicialState?: JudicialState; signedOn?: string } = {},
): DisputeActionOutcome {
  const rule = disputeWorkflow[action];
  const state = rule.to === 'stay' ? snapshot.state : rule.to;
  let outcome = snapshot.outcome;
  if (action === 'record_agreement') outcome = input.outcome ?? 'agreement';
  if (action === 'record_failure') outcome = 'failed';
  // A reopened case is mediated again: its earlier outcome stays in the timeline, not on the case.
  if (action === 'reopen') outcome = null;
  const next: DisputeSnapshot = {
    ...snapshot,
    state,
    hasMediator: action === 'assign' ? true : snapshot.hasMediator,
    outcome,
    followUpsDone: action === 'record_follow_up' ? snapshot.followUpsDone + 1 : action === 'reopen' ? 0 : snapshot.followUpsDone,
    reopenCount: snapshot.reopenCount + (action === 'reopen' ? 1 : 0),
  };
  // A new agreement after reopening is a new document: signed and sent to the court afresh.
  if (action === 'reopen') Object.assign(next, { judicialState: null, agreementSignedOn: null });
  if (action === 'record_judicial' && input.judicialState) next.judicialState = input.judicialState;
  if (action === 'record_signing' && input.signedOn) next.agreementSignedOn = input.signedOn;
  return { next, clock: rule.clock ?? null };
}

/**
 * Which documents a case can produce now (issue 4 item 4): the 调解协议书 once a written agreement is
 * recorded; the 司法确认申请书 for such an agreement until the court has confirmed or rejected it.
 * The API answers 409 for the others; the web shows the download buttons from it.
 */
export function disputeDocumentsAvailable(snapshot: Pick<DisputeSnapshot, 'outcome' | 'judicialState'>): { agreement: boolean; judicialConfirmation: boolean } {
  const agreement = snapshot.outcome === 'agreement';
  return { agreement, judicialConfirmation: agreement && snapshot.judicialState !== 'confirmed' && snapshot.judicialState !== 'rejected' };
}

/** Whether an outcome counts as 化解成功 (是否成功 in GB/T 31000). */
export function isSuccessfulOutcome(outcome: DisputeSnapshot['outcome']): boolean {
  return outcome === 'agreement' || outcome === 'oral_agreement';
}

/**
 * What a document record must say beyond its schema, checked against the case's dates: a signing on or
 * after the agreement and not in the future; a court answer not before the agreement took effect; an
 * application within 30 days of it (人民调解法 Art. 33); a confirmation with the court's case number; a
 * rejection with its reason (the request's text). Null when fine; else the field and why, for a 400.
 */
export function documentRecordProblem(
  request:
    | { action: 'record_signing'; signedOn: string }
    | { action: 'record_judicial'; judicialState: JudicialState; on: string; caseNumber?: string | undefined; text?: string | undefined },
  dates: { agreementOn: string | null; effectiveOn: string | null; today: string },
): { field: string; detail: string } | null {
  if (request.action === 'record_signing') {
    if (dates.agreementOn && request.signedOn < dates.agreementOn) return { field: 'signedOn', detail: '签署日期早于调解协议达成日期' };
    if (request.signedOn > dates.today) return { field: 'signedOn', detail: '签署日期晚于今天' };
    return null;
  }
  const effective = dates.effectiveOn ?? dates.agreementOn;
  if (request.on > dates.today) return { field: 'on', detail: '日期晚于今天' };
  if (effective && request.on < effective) return { field: 'on', detail: '日期早于调解协议生效日期' };
  if (request.judicialState === 'applied' && effective && request.on > confirmationDeadline(effective)) {
    return { field: 'on', detail: `已超过调解协议生效之日起${confirmationWindowDays}日的申请期限（${confirmationDeadline(effective)}）` };
  }
  if (request.judicialState === 'confirmed' && !request.caseNumber?.trim()) return { field: 'caseNumber', detail: '请填写法院确认裁定的案号' };
  if (request.judicialState === 'rejected' && !request.text?.trim()) return { field: 'text', detail: '请填写法院驳回申请的理由' };
  return null;
}
