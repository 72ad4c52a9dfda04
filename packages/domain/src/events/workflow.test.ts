import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  applyEventAction,
  eventActions,
  eventStates,
  eventWorkflow,
  refuseEventAction,
  type EventAction,
  type EventParty,
  type EventSnapshot,
} from './workflow.ts';

const fresh: EventSnapshot = { state: 'reported', suspendedFrom: null, pendingExtensionDays: null, reworkCount: 0, hasLeadTask: false };
const as = (...parties: EventParty[]) => new Set(parties);

function run(start: EventSnapshot, steps: [EventAction, EventParty][]): EventSnapshot {
  return steps.reduce((snapshot, [action, party]) => {
    expect(refuseEventAction(snapshot, action, as(party), 'note'), `${action} by ${party} from ${snapshot.state}`).toBeNull();
    return applyEventAction(snapshot, action).next;
  }, start);
}

describe('the event loop', () => {
  it('runs report → accept → dispatch → sign → feedback → verify → rate', () => {
    const end = run(fresh, [
      ['accept', 'owner'],
      ['dispatch', 'owner'],
      ['sign', 'assignee'],
      ['progress', 'assignee'],
      ['feedback', 'assignee'],
      ['verify_pass', 'owner'],
      ['rate', 'reporter'],
    ]);
    expect(end.state).toBe('evaluated');
    expect(allowedActions(end, as('owner', 'assignee', 'reporter', 'coHandler', 'upper'))).toEqual([]);
  });

  it('starts and stops the right clocks', () => {
    expect(applyEventAction(fresh, 'accept')).toMatchObject({ stops: ['accept'], starts: [] });
    const accepted = applyEventAction(fresh, 'accept').next;
    expect(applyEventAction(accepted, 'dispatch')).toMatchObject({ starts: ['handle'] });
    const inProgress = { ...accepted, state: 'in_progress' as const, hasLeadTask: true };
    expect(applyEventAction(inProgress, 'feedback')).toMatchObject({ stops: ['handle'], starts: ['verify'] });
  });

  it('lets a grid worker settle a small matter on the spot, still verified by the centre', () => {
    const settled = run(fresh, [['self_handle', 'reporter']]);
    expect(settled.state).toBe('feedback');
    expect(allowedActions(settled, as('reporter'))).toEqual([]);
    expect(allowedActions(settled, as('owner'))).toEqual(['verify_pass', 'verify_fail']);
  });

  it('sends a failed verification back for rework and counts it', () => {
    const handled = run(fresh, [
      ['accept', 'owner'],
      ['dispatch', 'owner'],
      ['sign', 'assignee'],
      ['feedback', 'assignee'],
    ]);
    const rework = applyEventAction(handled, 'verify_fail');
    expect(rework.next).toMatchObject({ state: 'in_progress', reworkCount: 1 });
    expect(rework.starts).toEqual(['handle']);
  });

  it('returns a failed self-handled matter to the owner to dispatch, with no handler clock', () => {
    const settled = run(fresh, [['self_handle', 'reporter']]);
    const rework = applyEventAction(settled, 'verify_fail');
    expect(rework.next.state).toBe('accepted');
    expect(rework.starts).toEqual([]);
  });

  it('suspends and resumes to where it was', () => {
    const signed = run(fresh, [
      ['accept', 'owner'],
      ['dispatch', 'owner'],
      ['sign', 'assignee'],
    ]);
    const suspended = applyEventAction(signed, 'suspend').next;
    expect(suspended).toMatchObject({ state: 'suspended', suspendedFrom: 'in_progress' });
    expect(applyEventAction(suspended, 'resume').next).toMatchObject({ state: 'in_progress', suspendedFrom: null });
  });

  it('escalates to the level above, which must accept it again', () => {
    const escalated = applyEventAction(run(fresh, [['accept', 'owner']]), 'escalate');
    expect(escalated.next.state).toBe('reported');
    expect(escalated.starts).toEqual(['accept']);
  });

  it('decides an extension only when one is pending, one at a time', () => {
    const signed = run(fresh, [
      ['accept', 'owner'],
      ['dispatch', 'owner'],
      ['sign', 'assignee'],
    ]);
    expect(refuseEventAction(signed, 'approve_extension', as('owner'))).toEqual({ reason: 'no_pending_extension' });
    const asked = applyEventAction(signed, 'request_extension', { extensionDays: 3 }).next;
    expect(asked.pendingExtensionDays).toBe(3);
    expect(refuseEventAction(asked, 'request_extension', as('assignee'), 'again')).toEqual({ reason: 'extension_pending' });
    expect(applyEventAction(asked, 'approve_extension').next.pendingExtensionDays).toBeNull();
    expect(applyEventAction(asked, 'feedback').next.pendingExtensionDays).toBeNull();
  });
});

describe('who may do what', () => {
  it('refuses an action to the wrong party and from the wrong state, saying why', () => {
    expect(refuseEventAction(fresh, 'accept', as('assignee'))).toEqual({ reason: 'not_allowed_for_party', allowedBy: ['owner'] });
    expect(refuseEventAction(fresh, 'sign', as('assignee'))).toMatchObject({ reason: 'not_in_state' });
    expect(refuseEventAction(fresh, 'reject', as('owner'), '  ')).toEqual({ reason: 'text_required' });
  });

  it('offers the owner of a new report exactly the first-step choices', () => {
    expect(allowedActions(fresh, as('owner'))).toEqual(['accept', 'reject', 'escalate', 'hand_down']);
    expect(allowedActions(fresh, as('reporter'))).toEqual(['self_handle']);
  });

  it('leaves no live state without a way forward, and none out of a terminal one', () => {
    const everyone = as('owner', 'assignee', 'coHandler', 'reporter', 'upper');
    for (const state of eventStates) {
      const snapshot = { ...fresh, state, suspendedFrom: state === 'suspended' ? ('in_progress' as const) : null };
      const moves = eventActions.filter((a) => eventWorkflow[a].from.includes(state) && eventWorkflow[a].to !== 'stay');
      if (state === 'rejected' || state === 'evaluated') expect(allowedActions(snapshot, everyone)).toEqual([]);
      else expect(moves.length, state).toBeGreaterThan(0);
    }
  });
});
