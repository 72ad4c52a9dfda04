import { describe, expect, it } from 'vitest';
import { allowedDisputeActions, applyDisputeAction, refuseDisputeAction, type DisputeParty, type DisputeSnapshot } from './workflow.ts';

const fresh: DisputeSnapshot = { state: 'registered', hasMediator: false, outcome: null, followUpsDone: 0, reopenCount: 0 };
const centre = new Set<DisputeParty>(['centre']);
const mediator = new Set<DisputeParty>(['mediator']);

function run(snapshot: DisputeSnapshot, ...steps: Parameters<typeof applyDisputeAction>[1][]): DisputeSnapshot {
  return steps.reduce((s, action) => applyDisputeAction(s, action, { outcome: 'agreement' }).next, snapshot);
}

describe('dispute workflow', () => {
  it('offers the centre acceptance, refusal and triage of a new case, and the mediator nothing', () => {
    expect(allowedDisputeActions(fresh, centre)).toEqual(['accept', 'refuse', 'triage']);
    expect(allowedDisputeActions(fresh, mediator)).toEqual([]);
  });

  it('starts the clock on acceptance and stops it at the outcome', () => {
    expect(applyDisputeAction(fresh, 'accept').clock).toBe('start');
    const mediating = run(fresh, 'accept', 'assign', 'schedule_session');
    expect(mediating.state).toBe('mediating');
    const settled = applyDisputeAction(mediating, 'record_agreement', { outcome: 'oral_agreement' });
    expect(settled).toMatchObject({ clock: 'stop', next: { state: 'settled', outcome: 'oral_agreement' } });
  });

  it('needs a mediator before a session and a reason to refuse', () => {
    const accepted = run(fresh, 'accept');
    expect(refuseDisputeAction({ ...accepted, state: 'assigned', hasMediator: false }, 'schedule_session', centre)).toEqual({ reason: 'no_mediator' });
    expect(refuseDisputeAction(fresh, 'refuse', centre, ' ')).toEqual({ reason: 'text_required' });
  });

  it('closes a settled case only after a follow-up visit', () => {
    const settled = run(fresh, 'accept', 'assign', 'schedule_session', 'record_agreement');
    expect(refuseDisputeAction(settled, 'close', centre)).toEqual({ reason: 'follow_up_missing' });
    const visited = applyDisputeAction(settled, 'record_follow_up').next;
    expect(refuseDisputeAction(visited, 'close', centre)).toBeNull();
  });

  it('reopens a broken agreement with a new clock, but not a failed mediation', () => {
    const closed = run(fresh, 'accept', 'assign', 'schedule_session', 'record_agreement', 'record_follow_up', 'close');
    const reopened = applyDisputeAction(closed, 'reopen');
    expect(reopened).toMatchObject({ clock: 'start', next: { state: 'assigned', outcome: null, followUpsDone: 0, reopenCount: 1 } });
    const failed = run(fresh, 'accept', 'assign', 'record_failure');
    expect(failed.outcome).toBe('failed');
    expect(refuseDisputeAction(applyDisputeAction(failed, 'close').next, 'reopen', centre, 'x')).toEqual({ reason: 'not_an_agreement' });
  });

  it('lets an upper centre evaluate but not mediate', () => {
    const upper = new Set<DisputeParty>(['upper']);
    const closed = run(fresh, 'accept', 'assign', 'record_failure', 'close');
    expect(allowedDisputeActions(closed, upper)).toEqual(['evaluate']);
  });
});
