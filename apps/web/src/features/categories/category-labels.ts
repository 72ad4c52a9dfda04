import type { CategoryRules, HandlingLevel, TimeLimit } from '@shizhi/domain';
import type { MessageKey } from '../../i18n/index.ts';

export type OnRed = NonNullable<CategoryRules['onRed']>;

export const handlingLevelLabels: Record<HandlingLevel, MessageKey> = {
  grid: 'categories.level.grid',
  village: 'categories.level.village',
  township: 'categories.level.township',
  county: 'categories.level.county',
};

export const limitUnitLabels: Record<TimeLimit['unit'], MessageKey> = {
  hours: 'categories.unit.hours',
  workingHours: 'categories.unit.workingHours',
  workingDays: 'categories.unit.workingDays',
  naturalDays: 'categories.unit.naturalDays',
};

export const onRedLabels: Record<OnRed, MessageKey> = {
  supervise: 'categories.onRed.supervise',
  escalate: 'categories.onRed.escalate',
  none: 'categories.onRed.none',
};

/** A category without `onRed` gets a 督办 on a red card (the deadline engine's default). */
export function onRedOf(rules: CategoryRules): OnRed {
  return rules.onRed ?? 'supervise';
}
