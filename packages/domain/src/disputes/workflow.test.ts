import { describe, expect, it } from 'vitest';
import { allowedDisputeActions, applyDisputeAction, disputeDocumentsAvailable, documentRecordProblem, refuseDisputeAction, type DisputeParty, type DisputeSnapshot } from './workflow.ts';

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

  it('signs a written agreement once and takes the court’s answer until it confirms or rejects', () => {
    const settled = run(fresh, 'accept', 'assign', 'schedule_session', 'record_agreement');
    expect(disputeDocumentsAvailable(settled)).toEqual({ agreement: true, judicialConfirmation: true });
    const signed = applyDisputeAction(settled, 'record_signing', { signedOn: '2026-03-05' }).next;
    expect(signed.agreementSignedOn).toBe('2026-03-05');
    expect(refuseDisputeAction(signed, 'record_signing', mediator)).toEqual({ reason: 'already_signed' });
    const applied = applyDisputeAction(signed, 'record_judicial', { judicialState: 'applied' }).next;
    expect(refuseDisputeAction(applied, 'record_judicial', mediator)).toBeNull();
    const confirmed = applyDisputeAction(applied, 'record_judicial', { judicialState: 'confirmed' }).next;
    expect(refuseDisputeAction(confirmed, 'record_judicial', mediator)).toEqual({ reason: 'judicial_decided' });
    expect(disputeDocumentsAvailable(confirmed)).toEqual({ agreement: true, judicialConfirmation: false });
    const reopened = applyDisputeAction(confirmed, 'reopen').next;
    expect(reopened).toMatchObject({ judicialState: null, agreementSignedOn: null });
    expect(disputeDocumentsAvailable(reopened)).toEqual({ agreement: false, judicialConfirmation: false });
    const oral = applyDisputeAction(run(fresh, 'accept', 'assign', 'schedule_session'), 'record_agreement', { outcome: 'oral_agreement' }).next;
    expect(refuseDisputeAction(oral, 'record_signing', mediator)).toEqual({ reason: 'not_an_agreement' });
    expect(disputeDocumentsAvailable(oral)).toEqual({ agreement: false, judicialConfirmation: false });
  });

  it('checks the dates of a signing and of the court’s answer against the agreement', () => {
    const dates = { agreementOn: '2026-03-05', effectiveOn: '2026-03-06', today: '2026-04-20' };
    expect(documentRecordProblem({ action: 'record_signing', signedOn: '2026-03-04' }, dates)?.field).toBe('signedOn');
    expect(documentRecordProblem({ action: 'record_signing', signedOn: '2026-04-21' }, dates)?.field).toBe('signedOn');
    expect(documentRecordProblem({ action: 'record_signing', signedOn: '2026-03-05' }, dates)).toBeNull();
    const judicial = { action: 'record_judicial', judicialState: 'applied', on: '2026-04-05' } as const;
    expect(documentRecordProblem(judicial, dates)).toBeNull();
    expect(documentRecordProblem({ ...judicial, on: '2026-04-06' }, dates)).toMatchObject({ field: 'on', detail: expect.stringContaining('30日') });
    expect(documentRecordProblem({ ...judicial, on: '2026-03-05' }, dates)?.field).toBe('on');
    expect(documentRecordProblem({ ...judicial, judicialState: 'confirmed', on: '2026-04-10' }, dates)?.field).toBe('caseNumber');
    expect(documentRecordProblem({ ...judicial, judicialState: 'confirmed', on: '2026-04-10', caseNumber: '(2026)蒙0602民特1号' }, dates)).toBeNull();
    expect(documentRecordProblem({ ...judicial, judicialState: 'rejected', on: '2026-04-10', text: ' ' }, dates)?.field).toBe('text');
  });
});
