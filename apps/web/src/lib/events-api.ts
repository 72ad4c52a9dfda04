import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CategoryRules,
  EventActionRequest,
  EventDetail,
  EventState,
  EventSummary,
  ReportEvent,
} from '@shizhi/domain';
import { apiGet, apiPost, apiRequest, isApiError } from './api-client.ts';

export interface EventCategory {
  code: string;
  version: number;
  parentCode: string | null;
  name: string;
  rules: CategoryRules;
  /** Always true in the reporters' list; false for a deactivated category in the administrators' list. */
  active: boolean;
}

/** A category edit: every field optional; the API stores it as a new version. */
export interface CategoryUpdate {
  name?: string;
  rules?: CategoryRules;
  active?: boolean;
}

export type Supervision = EventDetail['supervisions'][number];

export interface EventListParams {
  view: 'todo' | 'all';
  state?: EventState | undefined;
  page: number;
  pageSize: number;
}

export interface ReportResult {
  id: string;
  number: string;
  trackingCode: string;
  replayed: boolean;
}

export interface ActionResult {
  id: string;
  state: EventState;
  revision: number;
}

/** Every event query starts with this key, so one invalidation refreshes lists, to-dos and details. */
export const eventsQueryKey = ['events'] as const;

const eventCategoriesKey = ['event-categories'] as const;

export function eventCategoriesQuery() {
  return queryOptions({
    queryKey: eventCategoriesKey,
    queryFn: ({ signal }) => apiGet<{ items: EventCategory[] }>('/event-categories', undefined, signal),
    staleTime: 10 * 60_000,
  });
}

export function useEventCategories() {
  return useQuery(eventCategoriesQuery());
}

/** The administrators' catalogue: deactivated categories too (the API refuses anyone else). */
export function useAllEventCategories() {
  return useQuery({
    queryKey: [...eventCategoriesKey, 'including-inactive'],
    queryFn: ({ signal }) => apiGet<{ items: EventCategory[] }>('/event-categories', { includeInactive: 'true' }, signal),
  });
}

export function useEventList(params: EventListParams, options: { refetchInterval?: number } = {}) {
  return useQuery({
    queryKey: [...eventsQueryKey, 'list', params],
    queryFn: ({ signal }) =>
      apiGet<{ items: EventSummary[]; total: number }>(
        '/events',
        { view: params.view, state: params.state, page: params.page, pageSize: params.pageSize },
        signal,
      ),
    placeholderData: keepPreviousData,
    refetchInterval: options.refetchInterval,
  });
}

export function useEventDetail(id: string | undefined) {
  return useQuery({
    queryKey: [...eventsQueryKey, 'detail', id],
    queryFn: ({ signal }) => apiGet<EventDetail>(`/events/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: Boolean(id),
  });
}

/** One step of the loop; afterwards every event list and detail is fetched again. */
export function useEventAction(eventId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: EventActionRequest) =>
      apiPost<ActionResult>(`/events/${encodeURIComponent(eventId)}/actions`, request),
    onSettled: () => queryClient.invalidateQueries({ queryKey: eventsQueryKey }),
  });
}

/** 上报. The key makes a retry of the same report return the first filing instead of a second one. */
export function postReport(body: ReportEvent, idempotencyKey: string, signal?: AbortSignal): Promise<ReportResult> {
  return apiRequest<ReportResult>('/events', {
    method: 'POST',
    body,
    headers: { 'Idempotency-Key': idempotencyKey },
    signal,
  });
}

export function useReportEvent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: ReportEvent; key: string }) => postReport(body, key),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: eventsQueryKey }),
  });
}

/** Someone else acted first (the state moved on or the revision is stale): reload and say so. */
export function isStaleActionError(error: unknown): boolean {
  return isApiError(error) && error.status === 409;
}

/** 督办: a centre above the owner orders it to act within `dueDays` working days. */
export function useSuperviseEvent(eventId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { reason: string; dueDays: number }) =>
      apiPost<{ id: string }>(`/events/${encodeURIComponent(eventId)}/supervise`, body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: eventsQueryKey }),
  });
}

/** 督办回复: the owner centre answers an open supervision order. */
export function useAnswerSupervision() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ orderId, answer }: { orderId: string; answer: string }) =>
      apiPost<{ id: string; state: 'answered' }>(`/supervision-orders/${encodeURIComponent(orderId)}/answer`, { answer }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: eventsQueryKey }),
  });
}

/** 合并: the owner joins a duplicate report to the case already handling the matter. */
export function useMergeEvent(eventId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { parentId: string; revision: number }) =>
      apiPost<ActionResult>(`/events/${encodeURIComponent(eventId)}/merge`, body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: eventsQueryKey }),
  });
}

/** A system administrator edits a category; filed events keep the version they were filed under. */
export function useUpdateCategory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ code, change }: { code: string; change: CategoryUpdate }) =>
      apiRequest<{ code: string; version: number; name: string; rules: CategoryRules }>(
        `/event-categories/${encodeURIComponent(code)}`,
        { method: 'PUT', body: change },
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: eventCategoriesKey }),
  });
}
