import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { EventSummary, Scorecard, ScorecardCaseKind } from '@shizhi/domain';
import { apiDownload, apiGet } from '../../lib/api-client.ts';
import { saveFile } from '../../lib/save-file.ts';

/** One unit and period (and optionally one top-level category): what every scorecard request names. */
export interface ScorecardFilter {
  orgCode: string;
  from: string;
  to: string;
  categoryTop?: string | undefined;
}

export interface CaseQuery extends ScorecardFilter {
  kind: ScorecardCaseKind;
  page: number;
  pageSize: number;
}

function filterQuery(filter: ScorecardFilter) {
  return { orgCode: filter.orgCode, from: filter.from, to: filter.to, categoryTop: filter.categoryTop };
}

export function useScorecard(filter: ScorecardFilter | null) {
  return useQuery({
    queryKey: ['scorecards', 'card', filter],
    queryFn: ({ signal }) => apiGet<Scorecard>('/scorecards', filterQuery(filter!), signal),
    enabled: filter !== null,
    placeholderData: keepPreviousData,
  });
}

/** The cases behind one figure (drill-down), a page at a time. */
export function useScorecardCases(query: CaseQuery | null) {
  return useQuery({
    queryKey: ['scorecards', 'cases', query],
    queryFn: ({ signal }) =>
      apiGet<{ items: EventSummary[]; total: number }>(
        '/scorecards/cases',
        { ...filterQuery(query!), kind: query!.kind, page: query!.page, pageSize: query!.pageSize },
        signal,
      ),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
}

/** 导出 Excel: the unit and its children for the period, as the server lays the workbook out. */
export async function downloadScorecard(filter: ScorecardFilter): Promise<void> {
  const { blob, filename } = await apiDownload('/scorecards/export.xlsx', filterQuery(filter));
  saveFile(blob, filename ?? `scorecard-${filter.orgCode}-${filter.from}-${filter.to}.xlsx`);
}
