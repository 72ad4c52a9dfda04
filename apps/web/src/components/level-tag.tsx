import { Tag } from 'antd';
import { orgLevelLabels, type OrgLevel } from '@shizhi/domain';
import { useLabel, useT, type MessageKey } from '../i18n/index.ts';

const levelColors: Record<OrgLevel, string> = {
  province: 'magenta',
  city: 'purple',
  county: 'geekblue',
  township: 'blue',
  village: 'cyan',
  grid: 'green',
  department: 'orange',
};

/** `org_unit.kind` values; a township is a 街道, 镇, 乡 or 开发区, a village a 社区 or 村. */
const kindLabels: Partial<Record<string, MessageKey>> = {
  province: 'kind.province',
  city: 'kind.city',
  district: 'kind.district',
  county: 'kind.county',
  street: 'kind.street',
  town: 'kind.town',
  township: 'kind.township',
  zone: 'kind.zone',
  community: 'kind.community',
  village: 'kind.village',
  grid: 'kind.grid',
  department: 'kind.department',
};

export function useOrgKindLabel(): (level: OrgLevel, kind?: string | null) => string {
  const t = useT();
  const label = useLabel();
  return (level, kind) => {
    const key = kind ? kindLabels[kind] : undefined;
    if (key) return t(key);
    const levelLabel = orgLevelLabels[level] as { zh: string; en: string } | undefined;
    return levelLabel ? label(levelLabel) : (kind ?? level);
  };
}

/** The unit's level, worded by its kind when known (街道 rather than 街道/乡镇). */
export function LevelTag({ level, kind }: { level: OrgLevel; kind?: string | null }) {
  const kindLabel = useOrgKindLabel();
  return (
    <Tag color={levelColors[level] ?? 'default'} variant="outlined" style={{ marginInlineEnd: 0 }}>
      {kindLabel(level, kind)}
    </Tag>
  );
}

export function UrbanTag({ urban }: { urban: boolean | null }) {
  const t = useT();
  if (urban === null) return null;
  return (
    <Tag color={urban ? 'processing' : 'success'} variant="filled" style={{ marginInlineEnd: 0 }}>
      {urban ? t('common.urban') : t('common.rural')}
    </Tag>
  );
}
