import {
  applyEventAction,
  eventActions,
  refuseEventAction,
  type EventAction,
  type EventParty,
  type EventSnapshot,
  type EventState,
  type Role,
} from '@shizhi/domain';

/**
 * Checks a stored event against its timeline: starting from 'reported', every workflow entry must be
 * one the person who wrote it was allowed to take in the state it was taken in
 * (`refuseEventAction`), must lead where `applyEventAction` leads, and the end must be the stored
 * event. Parties are read back from the entries themselves (owner moves on escalation and hand-down,
 * tasks on dispatch), so a history written around the rules cannot pass. Returns the problems found.
 */

export interface ReplayedEvent {
  id: string;
  state: EventState;
  suspendedFrom: EventState | null;
  pendingExtensionDays: number | null;
  reworkCount: number;
  hasLeadTask: boolean;
  revision: number;
  ownerOrgCode: string;
  source: string;
  reporterUserId: string | null;
}

export interface ReplayedEntry {
  action: string;
  fromState: EventState | null;
  toState: EventState;
  actorId: string | null;
  text: string | null;
  data: Record<string, unknown>;
}

const workflowActions = new Set<string>(eventActions);
const handlerRoles = new Set<Role>(['grid_worker', 'dept_handler', 'center_staff']);

export function replayEventTimeline(
  ev: ReplayedEvent,
  entries: readonly ReplayedEntry[],
  assignmentsOf: (userId: string) => readonly { role: Role; orgCode: string }[],
): string[] {
  const problems: string[] = [];
  const moves = entries.filter((e) => e.action === 'escalate' || e.action === 'hand_down');
  let owner = moves.length ? String(moves[0]!.data.from) : ev.ownerOrgCode;
  let lead: string | null = null;
  let co: string[] = [];
  let snapshot: EventSnapshot = { state: 'reported', suspendedFrom: null, pendingExtensionDays: null, reworkCount: 0, hasLeadTask: false };
  let steps = 0;

  for (const entry of entries) {
    if (!workflowActions.has(entry.action)) continue;
    const action = entry.action as EventAction;
    steps += 1;
    if (entry.fromState !== snapshot.state) problems.push(`${action}: written from ${entry.fromState}, but the event was ${snapshot.state}`);
    const automatic = entry.actorId === null && entry.data.automatic === true;
    if (!automatic) {
      const held = entry.actorId ? assignmentsOf(entry.actorId) : [];
      const parties = new Set<EventParty>();
      for (const a of held) {
        if (a.role === 'center_staff' && a.orgCode === owner) parties.add('owner');
        if (!handlerRoles.has(a.role)) continue;
        if (a.orgCode === lead) parties.add('assignee');
        if (co.includes(a.orgCode)) parties.add('coHandler');
      }
      const ownReport = entry.actorId !== null && entry.actorId === ev.reporterUserId && ev.source === 'grid_worker';
      if (ownReport || (action === 'rate' && entry.data.via === 'tracking_code')) {
        parties.add('reporter');
      }
      const refusal = refuseEventAction(snapshot, action, parties, entry.text ?? undefined);
      if (refusal) problems.push(`${action} in ${snapshot.state} refused: ${refusal.reason}`);
    }
    const { next } = applyEventAction(snapshot, action, { extensionDays: typeof entry.data.days === 'number' ? entry.data.days : undefined });
    if (next.state !== entry.toState) problems.push(`${action}: written to ${entry.toState}, the workflow says ${next.state}`);
    snapshot = next;
    if (action === 'dispatch') {
      lead = String(entry.data.lead);
      co = (entry.data.co as string[] | undefined) ?? [];
    }
    if (action === 'escalate' || action === 'hand_down') {
      owner = String(entry.data.to);
      if (action === 'escalate') {
        lead = null;
        co = [];
      }
    }
    if (action === 'verify_pass') {
      lead = null;
      co = [];
    }
  }

  const stored: EventSnapshot = {
    state: ev.state,
    suspendedFrom: ev.suspendedFrom,
    pendingExtensionDays: ev.pendingExtensionDays,
    reworkCount: ev.reworkCount,
    hasLeadTask: ev.hasLeadTask,
  };
  if (JSON.stringify(stored) !== JSON.stringify(snapshot)) problems.push(`stored ${JSON.stringify(stored)}, replayed ${JSON.stringify(snapshot)}`);
  if (owner !== ev.ownerOrgCode) problems.push(`owner ${ev.ownerOrgCode}, replayed ${owner}`);
  if (ev.revision !== 1 + steps) problems.push(`revision ${ev.revision} after ${steps} steps`);
  return problems.map((p) => `${ev.id}: ${p}`);
}
