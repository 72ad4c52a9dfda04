import type { CitizenReport } from '@shizhi/domain';
import { fileEvent, type EventsDeps, type Filer } from '../../events/index.ts';

export interface Receipt {
  number: string;
  trackingCode: string;
  replayed: boolean;
}

/**
 * 群众上报 from the phone page, without an account. A citizen may report anywhere in the deployment;
 * an anonymous report keeps no name or phone, so the tracking code is the only way back to it.
 * Every citizen shares one idempotency namespace, which is why the page sends a random UUID as key.
 */
export async function fileCitizenReport(events: EventsDeps, input: CitizenReport, idempotencyKey: string | null): Promise<Receipt> {
  const { anonymous = false, reporter, ...report } = input;
  const name = anonymous ? undefined : reporter?.name || undefined;
  const phone = anonymous ? undefined : reporter?.phone;
  const filer: Filer = {
    source: 'citizen',
    userId: null,
    name: name ?? (anonymous ? '匿名群众' : '群众'),
    phone: phone ?? null,
    scopePaths: null,
    keyNamespace: 'citizen',
    auditActor: { id: null, name: anonymous ? 'public:anonymous' : 'public:citizen' },
  };
  const result = await fileEvent(events, filer, { ...report, reporter: { name, phone } }, idempotencyKey, {
    timelineData: { anonymous },
  });
  return { number: result.number, trackingCode: result.trackingCode, replayed: result.replayed };
}
