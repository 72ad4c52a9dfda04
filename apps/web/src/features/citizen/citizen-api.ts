import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CitizenReport, EventRating, EventState, PublicEventStatus, PublicRatingRequest } from '@shizhi/domain';
import { apiGet, apiPost, apiRequest, apiUpload, isApiError } from '../../lib/api-client.ts';
import type { CategoryItem } from '../../lib/event-categories.ts';
import type { UploadedFile } from '../../lib/photos.ts';

/**
 * The public (no login) side of the event centre: 随手拍 and 进度查询 by tracking code. The shapes
 * are the API's own schemas (`@shizhi/domain` events/intake.ts).
 */
export interface PublicPlace {
  code: string;
  name: string;
  /** The street's or town's communities and villages. */
  communities: { code: string; name: string }[];
}

export type PublicReport = CitizenReport;
export type PublicTrack = PublicEventStatus;

/** The route itself is missing (the API has no such endpoint yet), as opposed to an unknown code. */
export function isServiceMissing(error: unknown): boolean {
  return isApiError(error) && error.status === 404 && error.code === 'NOT_FOUND';
}

export function usePublicCategories() {
  return useQuery({
    queryKey: ['public', 'categories'],
    queryFn: ({ signal }) => apiGet<{ items: CategoryItem[] }>('/public/categories', undefined, signal),
    staleTime: 10 * 60_000,
  });
}

export function usePublicPlaces() {
  return useQuery({
    queryKey: ['public', 'places'],
    queryFn: ({ signal }) => apiGet<{ items: PublicPlace[] }>('/public/places', undefined, signal),
    staleTime: 10 * 60_000,
  });
}

export function useSubmitPublicReport() {
  return useMutation({
    mutationFn: ({ body, key }: { body: PublicReport; key: string }) =>
      apiRequest<{ number: string; trackingCode: string }>('/public/events', {
        method: 'POST',
        body,
        headers: { 'Idempotency-Key': key },
        allowUnauthenticated: true,
      }),
  });
}

/**
 * POST /api/public/files: one photo for a citizen's report, no account, with progress (0–1). Nothing
 * can read it back until the report that carries it is filed; the same bytes again are the same file.
 */
export function uploadCitizenPhoto(blob: Blob, onProgress?: (fraction: number) => void): Promise<UploadedFile> {
  return apiUpload<UploadedFile>('/public/files', blob, {
    onProgress: (sent, total) => onProgress?.(total > 0 ? Math.min(1, sent / total) : 0),
  });
}

/** The photos the citizen sent with the report, readable by its tracking code only. */
export function usePublicPhotos(trackingCode: string | null) {
  return useQuery({
    queryKey: ['public', 'track', trackingCode, 'photos'],
    queryFn: ({ signal }) =>
      apiGet<{ items: { id: string; url: string }[] }>(`/public/events/${encodeURIComponent(trackingCode ?? '')}/photos`, undefined, signal),
    enabled: Boolean(trackingCode),
    staleTime: 5 * 60_000,
  });
}

export function usePublicTrack(trackingCode: string | null) {
  return useQuery({
    queryKey: ['public', 'track', trackingCode],
    queryFn: ({ signal }) =>
      apiGet<PublicTrack>(`/public/events/${encodeURIComponent(trackingCode ?? '')}`, undefined, signal),
    enabled: Boolean(trackingCode),
  });
}

export function useRatePublicEvent(trackingCode: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PublicRatingRequest) =>
      apiPost<{ number: string; state: EventState; rating: EventRating }>(
        `/public/events/${encodeURIComponent(trackingCode)}/rating`,
        body,
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['public', 'track', trackingCode] }),
  });
}
