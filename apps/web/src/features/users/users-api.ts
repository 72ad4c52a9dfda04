import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { UserListItem } from '@shizhi/domain';
import { apiGet } from '../../lib/api-client.ts';

export type UserRow = UserListItem;

export interface UserListParams {
  orgCode: string | undefined;
  q: string;
  page: number;
  pageSize: number;
}

export function useUserList(params: UserListParams) {
  return useQuery({
    queryKey: ['users', params],
    queryFn: ({ signal }) =>
      apiGet<{ items: UserRow[]; total: number }>(
        '/users',
        { orgCode: params.orgCode, q: params.q, page: params.page, pageSize: params.pageSize },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}
