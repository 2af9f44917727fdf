import { JobName } from './job.types';
import { subjectOf } from './job-subject';

describe('subjectOf', () => {
  it('names the row each workspace job works on', () => {
    expect(subjectOf(JobName.SendInvitation, { invitationId: 'i1' })).toEqual({ type: 'invitation', id: 'i1' });
    expect(subjectOf(JobName.SendReminder, { invitationId: 'i1' })).toEqual({ type: 'invitation', id: 'i1' });
    expect(subjectOf(JobName.DispatchEvent, { outboxEventId: 'o1' })).toEqual({ type: 'outbox-event', id: 'o1' });
    expect(subjectOf(JobName.DeliverWebhook, { deliveryId: 'd1' })).toEqual({ type: 'webhook-delivery', id: 'd1' });
    expect(subjectOf(JobName.SendWebhookDisabledEmail, { endpointId: 'e1', userId: 'u1' })).toEqual({ type: 'webhook-endpoint', id: 'e1' });
    expect(subjectOf(JobName.SendCaseEmail, { caseId: 'c1', userId: 'u1' })).toEqual({ type: 'case', id: 'c1' });
  });

  it('gives instance-wide jobs and malformed payloads no subject', () => {
    for (const name of [JobName.RelayOutbox, JobName.SweepWebhooks, JobName.ApplyRetention, JobName.ExpireInvitations]) {
      expect(subjectOf(name, {})).toBeNull();
    }
    expect(subjectOf(JobName.SendInvitation, null)).toBeNull();
    expect(subjectOf(JobName.SendInvitation, { invitationId: 42 })).toBeNull();
    expect(subjectOf(JobName.SendInvitation, { invitationId: '' })).toBeNull();
    expect(subjectOf('unknown-job', { invitationId: 'i1' })).toBeNull();
  });
});
