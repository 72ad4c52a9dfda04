import type { MachineReport } from '@shizhi/domain';
import { fileEvent, type EventsDeps, type Filer } from '../../events/index.ts';
import type { ApiClient } from '../api-keys.ts';

/** The filer for a system authenticated by its API key: it reports only inside the area it was issued for. */
export function filerForClient(client: ApiClient, source: 'machine' | 'open311'): Filer {
  return {
    source,
    userId: null,
    name: client.name,
    phone: null,
    scopePaths: [client.orgPath],
    // Each client's ids are its own: two camera platforms may both send alert "1".
    keyNamespace: client.id,
    auditActor: { id: null, name: `${client.kind}:${client.keyPrefix}:${client.name}` },
  };
}

/**
 * A machine's alert (视频AI告警, another system's case) becomes an event like any other report. The
 * sender's own id is the idempotency key, so an alert resent after a timeout is filed once; the
 * evidence (snapshot, camera, confidence) stays on the report's timeline entry for the handler.
 */
export async function fileMachineReport(events: EventsDeps, client: ApiClient, input: MachineReport) {
  const { externalId, evidence, ...report } = input;
  return fileEvent(events, filerForClient(client, 'machine'), report, externalId, {
    timelineData: { externalId, client: client.name, ...(evidence ? { evidence } : {}) },
  });
}
