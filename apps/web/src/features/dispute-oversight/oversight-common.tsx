import { useState } from 'react';
import { Select } from 'antd';
import { useOrgRoots } from '../../lib/org-queries.ts';
import { chinaToday } from '../../lib/periods.ts';
import { OrgTreeSelect } from '../../components/org-tree-select.tsx';
import { useT } from '../../i18n/index.ts';

/** This month in Beijing, 'YYYY-MM'. */
export function currentPeriod(now: Date = new Date()): string {
  const { year, month } = chinaToday(now);
  return `${year}-${String(month).padStart(2, '0')}`;
}


/** This month and the eleven before it, newest first. */
export function recentPeriods(now: Date = new Date(), count = 12): string[] {
  const { year, month } = chinaToday(now);
  return Array.from({ length: count }, (_, i) => {
    const m = year * 12 + (month - 1) - i;
    return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
  });
}

/** The unit a page looks at: the user's own (first) unit until they pick another. */
export function useScopeUnit(): [string | undefined, (code: string | undefined) => void] {
  const roots = useOrgRoots();
  const [picked, setPicked] = useState<string | undefined>();
  return [picked ?? roots.data?.roots[0]?.code, setPicked];
}

export function UnitPicker({ value, onChange, testId = 'ov-unit' }: { value: string | undefined; onChange: (code: string | undefined) => void; testId?: string }) {
  return <OrgTreeSelect value={value} onChange={onChange} style={{ width: 260 }} testId={testId} />;
}

export function PeriodPicker({ value, onChange }: { value: string; onChange: (period: string) => void }) {
  const t = useT();
  return (
    <Select
      value={value}
      onChange={onChange}
      style={{ width: 140 }}
      data-testid="ov-period"
      aria-label={t('ov.period')}
      options={recentPeriods().map((p) => ({ value: p, label: t('ov.periodLabel', { y: p.slice(0, 4), m: Number(p.slice(5)) }) }))}
    />
  );
}
