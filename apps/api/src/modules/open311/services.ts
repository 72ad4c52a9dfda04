import type { CategoryRules, HandlingLevel, TimeLimit } from '@shizhi/domain';
import type { Category } from '../events/index.ts';

const unitLabels: Record<TimeLimit['unit'], string> = {
  hours: '小时',
  workingHours: '个工作小时',
  workingDays: '个工作日',
  naturalDays: '天',
};

const levelLabels: Record<HandlingLevel, string> = {
  grid: '社区（村）综治中心',
  village: '社区（村）综治中心',
  township: '街道（乡镇）综治中心',
  county: '区（县）综治中心',
};

function limit(l: TimeLimit): string {
  return `${l.value}${unitLabels[l.unit]}`;
}

/** The time standards a request is held to, in the words a 12345 operator would read out. */
export function serviceNotice(rules: CategoryRules): string {
  return `${levelLabels[rules.handlingLevel]}受理；受理时限${limit(rules.limits.accept)}，处置时限${limit(rules.limits.handle)}，核查时限${limit(rules.limits.verify)}。`;
}

// A type, not an interface, so it is assignable to the XML writer's record type.
export type Open311Service = {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime';
  keywords: string;
  group: string;
};

/** Every subcategory is a service; its parent is the group. Filing answers at once, so each is realtime. */
export function servicesOf(categories: readonly Category[]): Open311Service[] {
  const names = new Map(categories.filter((c) => c.parentCode === null).map((c) => [c.code, c.name]));
  return categories
    .filter((c) => c.parentCode !== null && names.has(c.parentCode))
    .map((c) => {
      const group = names.get(c.parentCode!)!;
      return {
        service_code: c.code,
        service_name: c.name,
        description: `${group} · ${c.name}。${serviceNotice(c.rules)}`,
        metadata: false,
        type: 'realtime' as const,
        keywords: [c.name, group, c.rules.department].filter(Boolean).join(','),
        group,
      };
    });
}
