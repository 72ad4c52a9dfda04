import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  DisputeActionRequest,
  DisputeDetail,
  DisputeFigures,
  DisputeFiguresQuery,
  DisputeFromEvent,
  DisputeListQuery,
  DisputeState,
  DisputeSummary,
  DisputeTypeCode,
  OnlineDisputeApplication,
  PublicDisputeStatus,
  RegisterDispute,
} from '@shizhi/domain';
import { apiGet, apiRequest } from './api-client.ts';

/**
 * The 矛调中心 side of the API (`/api/disputes`, `/api/mediation-orgs`, `/api/public/disputes`). Shapes
 * are the API's own schemas in `@shizhi/domain` disputes/schemas.ts. Shared by the disputes feature
 * and the event page's link to a case, hence in lib/.
 */
export const disputesQueryKey = ['disputes'] as const;

export type DisputeListParams = Partial<Omit<DisputeListQuery, 'page' | 'pageSize'>> & { page: number; pageSize: number };

export interface DisputeReceipt {
  id: string;
  number: string;
}

export type MediationBody = {
  id: string;
  name: string;
  kind: 'committee' | 'industry' | 'brand_room' | 'administrative' | 'court';
  method: 'people' | 'administrative' | 'industry' | 'judicial';
  field: string | null;
  orgCode: string;
  suggested: boolean;
  mediators: { id: string; name: string; userId: string | null; openCases: number; specialty: string | null }[];
};

export function useDisputeList(params: DisputeListParams, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...disputesQueryKey, 'list', params],
    queryFn: ({ signal }) => apiGet<{ items: DisputeSummary[]; total: number }>('/disputes', { ...params }, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

export function useDisputeDetail(id: string | undefined) {
  return useQuery({
    queryKey: [...disputesQueryKey, 'detail', id],
    queryFn: ({ signal }) => apiGet<DisputeDetail>(`/disputes/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: Boolean(id),
  });
}

/** One step of the case; afterwards every dispute list and detail is fetched again. */
export function useDisputeAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: DisputeActionRequest) =>
      apiRequest<{ id: string; state: DisputeState; revision: number }>(`/disputes/${encodeURIComponent(id)}/actions`, {
        method: 'POST',
        body: request,
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: disputesQueryKey }),
  });
}

/** 窗口登记 / 委托移送; the key makes a double click or a retry file the case once. */
export function useRegisterDispute() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: RegisterDispute; key: string }) =>
      apiRequest<DisputeReceipt>('/disputes', { method: 'POST', body, headers: { 'Idempotency-Key': key } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: disputesQueryKey }),
  });
}

/** 事件转纠纷: the centre holding a 矛盾纠纷 event takes it into mediation. */
export function useDisputeFromEvent(eventId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: DisputeFromEvent) =>
      apiRequest<DisputeReceipt>(`/events/${encodeURIComponent(eventId)}/dispute`, { method: 'POST', body }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: disputesQueryKey }),
        queryClient.invalidateQueries({ queryKey: ['events'] }),
      ]),
  });
}

export function useMediationBodies(typeCode: DisputeTypeCode | undefined, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['mediation-orgs', typeCode ?? null],
    queryFn: ({ signal }) => apiGet<{ items: MediationBody[] }>('/mediation-orgs', { typeCode }, signal),
    staleTime: 60_000,
    enabled: options.enabled ?? true,
  });
}

/** A party's whole ID number and phone; the API decides who may and logs the read. */
export function usePartyPersonalData(disputeId: string) {
  return useMutation({
    mutationFn: (partyId: string) =>
      apiGet<{ id: string; name: string; idNumber: string | null; phone: string | null }>(
        `/disputes/${encodeURIComponent(disputeId)}/parties/${encodeURIComponent(partyId)}/personal-data`,
      ),
  });
}

export function useDisputeFigures(query: DisputeFiguresQuery | null) {
  return useQuery({
    queryKey: [...disputesQueryKey, 'figures', query],
    queryFn: ({ signal }) => apiGet<DisputeFigures>('/disputes/figures', { ...query! }, signal),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
}

/** 网上申请调解: no account; the tracking code follows the case. */
export function useApplyOnline() {
  return useMutation({
    mutationFn: ({ body, key }: { body: OnlineDisputeApplication; key: string }) =>
      apiRequest<{ number: string; trackingCode: string }>('/public/disputes', {
        method: 'POST',
        body,
        headers: { 'Idempotency-Key': key },
        allowUnauthenticated: true,
      }),
  });
}

export function usePublicDispute(trackingCode: string | null) {
  return useQuery({
    queryKey: ['public', 'disputes', trackingCode],
    queryFn: ({ signal }) =>
      apiRequest<PublicDisputeStatus>(`/public/disputes/${encodeURIComponent(trackingCode ?? '')}`, {
        signal,
        allowUnauthenticated: true,
      }),
    enabled: Boolean(trackingCode),
    retry: false,
  });
}

/** The dispute case number an event was turned into, read from the event's timeline entry. */
export function disputeNumberFromEventText(text: string | null | undefined): string | null {
  return /纠纷案件编号\s*(\S+)/.exec(text ?? '')?.[1] ?? null;
}
