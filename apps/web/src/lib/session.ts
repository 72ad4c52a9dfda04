import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Assignment, Capability, LoginRequest, Me, Role } from '@shizhi/domain';
import { apiGet, apiPost, apiRequest, isApiError, rememberCsrfToken } from './api-client.ts';
import { clearUnseenWarnings } from './live-stream.ts';

export const meQueryKey = ['me'] as const;

export interface PublicConfig {
  productName: string;
  mapTileUrl: string | null;
  demo: boolean;
  demoPassword: string | null;
}

/** `null` when nobody is signed in; the route guard sends the visitor to /login. */
async function fetchMe(): Promise<Me | null> {
  try {
    const me = await apiRequest<Me>('/me', { allowUnauthenticated: true });
    rememberCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      rememberCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function useMe() {
  return useQuery({ queryKey: meQueryKey, queryFn: fetchMe, staleTime: 5 * 60_000, retry: false });
}

export function usePublicConfig() {
  return useQuery({
    queryKey: ['public-config'],
    queryFn: () => apiGet<PublicConfig>('/public-config'),
    staleTime: Infinity,
  });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: LoginRequest) =>
      apiRequest<Me>('/auth/login', { method: 'POST', body: credentials, allowUnauthenticated: true }),
    onSuccess: (me) => {
      rememberCsrfToken(me.csrfToken);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'public-config' });
      queryClient.setQueryData(meQueryKey, me);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiPost<void>('/auth/logout'),
    onSettled: () => {
      rememberCsrfToken(null);
      clearUnseenWarnings();
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'public-config' });
      queryClient.setQueryData(meQueryKey, null);
    },
  });
}

/** The role shown beside the user's name: the most senior one they hold. */
const rolePrecedence: readonly Role[] = ['sys_admin', 'leader', 'center_staff', 'dept_handler', 'mediator', 'grid_worker'];

export function primaryAssignment(me: Me): Assignment | undefined {
  return [...me.assignments].sort(
    (a, b) => rolePrecedence.indexOf(a.role) - rolePrecedence.indexOf(b.role),
  )[0];
}

export function hasRole(me: Me, role: Role): boolean {
  return me.assignments.some((assignment) => assignment.role === role);
}

export function can(me: Me, capability: Capability): boolean {
  return me.capabilities.includes(capability);
}

/** 热线登记 on the workbench is for centre staff; grid workers report from their phone page. */
export function canFileHotline(me: Me): boolean {
  return can(me, 'events.report') && !hasRole(me, 'grid_worker');
}

/** Grid workers land on the phone page after signing in. */
export function homePathOf(me: Me): string {
  return can(me, 'mobile.view') ? '/m' : '/';
}
