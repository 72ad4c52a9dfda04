import { Tag, Tooltip } from 'antd';
import { qualityFlagLabel } from '@shizhi/domain';
import { Icon } from '../../components/icon.tsx';
import { useLocale, useT } from '../../i18n/index.ts';
import { useCodeLabel, type RecordStatus } from '../../lib/registers-api.ts';

const statusColours: Record<RecordStatus, string> = { active: 'green', moved_out: 'default', deregistered: 'red' };

export function StatusTag({ status }: { status: RecordStatus }) {
  const t = useT();
  return (
    <Tag color={statusColours[status]} style={{ marginInlineEnd: 0 }} data-testid="record-status" data-status={status}>
      {t(`r.status.${status}`)}
    </Tag>
  );
}

const hazardColours: Record<string, string> = { '01': 'red', '02': 'orange', '03': 'green' };

export function HazardTag({ grade }: { grade: string | null }) {
  const codeLabel = useCodeLabel();
  if (!grade) return <span className="rg-muted">—</span>;
  return (
    <Tag color={hazardColours[grade] ?? 'default'} style={{ marginInlineEnd: 0 }} data-testid="hazard-grade">
      {codeLabel('hazardGrade', grade)}
    </Tag>
  );
}

/** 质量提示: a warning sign whose tooltip lists what the record lacks or gets wrong. */
export function ProblemsIcon({ problems }: { problems: readonly string[] }) {
  const t = useT();
  const { locale } = useLocale();
  if (problems.length === 0) return null;
  return (
    <Tooltip
      title={
        <div>
          <div style={{ fontWeight: 600, marginBottom: 4 }}>{t('r.quality.count', { n: problems.length })}</div>
          {problems.map((p) => (
            <div key={p}>· {qualityFlagLabel(p, locale === 'en' ? 'en' : 'zh')}</div>
          ))}
        </div>
      }
    >
      <span className="rg-problems" aria-label={t('r.quality')} data-testid="quality-warnings" data-count={problems.length}>
        <Icon name="warning" />
        <span>{problems.length}</span>
      </span>
    </Tooltip>
  );
}
