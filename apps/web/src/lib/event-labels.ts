import type { EventAction, EventSource } from '@shizhi/domain';
import type { MessageKey } from '../i18n/index.ts';

/** 满意 / 基本满意 / 不满意, in the order they are offered. */
export const ratings = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type Rating = (typeof ratings)[number];

export const ratingLabels: Record<Rating, MessageKey> = {
  satisfied: 'rating.satisfied',
  basically_satisfied: 'rating.basicallySatisfied',
  unsatisfied: 'rating.unsatisfied',
};

export function ratingLabel(value: string | null): MessageKey | null {
  return value && value in ratingLabels ? ratingLabels[value as Rating] : null;
}

export const sourceLabels: Record<EventSource, MessageKey> = {
  grid_worker: 'events.source.grid_worker',
  citizen: 'events.source.citizen',
  hotline: 'events.source.hotline',
  machine: 'events.source.machine',
  open311: 'events.source.open311',
  staff: 'events.source.staff',
};

/** What the note is called for each action that takes one. */
export const actionTextLabels: Partial<Record<EventAction, MessageKey>> = {
  reject: 'events.text.reject',
  feedback: 'events.text.feedback',
  self_handle: 'events.text.selfHandle',
  escalate: 'events.text.escalate',
  hand_down: 'events.text.handDown',
  suspend: 'events.text.suspend',
  progress: 'events.text.progress',
  answer_co_task: 'events.text.answer',
  verify_fail: 'events.text.verifyFail',
  revisit: 'events.text.revisit',
  request_extension: 'events.text.extension',
  deny_extension: 'events.text.denyExtension',
};
