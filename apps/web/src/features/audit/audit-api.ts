import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { apiGet, apiPost } from '../../lib/api-client.ts';

export interface AuditRow {
  id: string | number;
  chain: string;
  seq: number;
  at: string;
  actorName: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  orgPath: string | null;
  detail: unknown;
}

export interface ChainVerification {
  chain: string;
  rows: number;
  ok: boolean;
  firstBroken: { seq: number; id: string | number; reason: string } | null;
}

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
