import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { AuditItem, ChainReport } from '@shizhi/domain';
import { apiGet, apiPost } from '../../lib/api-client.ts';

export type AuditRow = AuditItem;
export type ChainVerification = ChainReport;

export interface AuditListParams {
  action: string;
  page: number;
  pageSize: number;
}

export function useAuditLog(params: AuditListParams) {
  return useQuery({
    queryKey: ['audit-log', params],
    queryFn: ({ signal }) =>
      apiGet<{ items: AuditRow[]; total: number }>(
        '/audit-log',
        { action: params.action, page: params.page, pageSize: params.pageSize },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useVerifyAuditChains() {
  return useMutation({
    mutationFn: () => apiPost<{ chains: ChainVerification[] }>('/audit-log/verify'),
  });
}
