import { Tooltip } from 'antd';
import type { ScorecardRow } from '@shizhi/domain';
import { useT, type MessageKey } from '../../i18n/index.ts';
import { formatRate } from './kpi-standing.ts';

type ShareLevel = keyof ScorecardRow['kpis']['levelShares'];

export const shareLevels: readonly { level: ShareLevel; label: MessageKey; color: string }[] = [
  { level: 'grid', label: 'scorecards.level.grid', color: '#52c41a' },
  { level: 'village', label: 'scorecards.level.village', color: '#1677ff' },
  { level: 'township', label: 'scorecards.level.township', color: '#13a8a8' },
  { level: 'county', label: 'scorecards.level.county', color: '#722ed1' },
];

/** 各级办结占比 as one stacked bar: where closed cases were settled, grid up to district. */
export function LevelShareBar({ shares, compact = false, testId }: { shares: ScorecardRow['kpis']['levelShares']; compact?: boolean; testId?: string }) {
  const t = useT();
  const known = shareLevels.filter((s) => (shares[s.level] ?? 0) > 0);
  return (
    <div className={compact ? 'share-bar is-compact' : 'share-bar'} data-testid={testId}>
      <div className="share-track">
        {known.length === 0 ? <div className="share-empty">{compact ? '—' : t('scorecards.noClosed')}</div> : null}
        {known.map((s) => (
          <Tooltip key={s.level} title={`${t(s.label)} ${formatRate(shares[s.level])}`}>
            <div
              className="share-segment"
              data-level={s.level}
              style={{ width: `${(shares[s.level] ?? 0) * 100}%`, background: s.color }}
            >
              {!compact && (shares[s.level] ?? 0) >= 0.08 ? formatRate(shares[s.level]) : null}
            </div>
          </Tooltip>
        ))}
      </div>
      {compact ? null : (
        <div className="share-legend">
          {shareLevels.map((s) => (
            <span key={s.level} className="share-legend-item" data-testid={testId ? `${testId}-${s.level}` : undefined}>
              <span className="share-dot" style={{ background: s.color }} />
              {t(s.label)} <b className="tabular">{formatRate(shares[s.level])}</b>
            </span>
          ))}
        </div>
      )}
    </div>
  );
}
