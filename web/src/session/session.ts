import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../api/http';
import { ApiProblem } from '../api/problem';

export interface Me {
  user: { id: string; email: string; name: string };
  tenantId: string;
  roles: string[];
  permissions: string[];
  tenants: { id: string; slug: string; name: string; roles: string[] }[];
}

export const meKey = ['me'] as const;

/** Who is signed in, or null when nobody is (the API answers 401). */
export async function fetchMe(): Promise<Me | null> {
  try {
    return await api<Me>('GET', '/api/v1/me');
  } catch (err) {
    if (err instanceof ApiProblem && err.status === 401) return null;
    throw err;
  }
}

export const meQuery = { queryKey: meKey, queryFn: fetchMe, staleTime: 60_000 };

/** The signed-in person; only used below the signed-in layout, which guarantees one. */
export function useMe(): Me {
  const { data } = useQuery(meQuery);
  if (!data) throw new Error('useMe is used outside the signed-in layout');
  return data;
}

export function useCan(permission: string): boolean {
  return useMe().permissions.includes(permission);
}

/** Forgets everything read under the previous identity or tenant (screens on view read again), and sets who is signed in now. */
function startFresh(client: QueryClient, me: Me | null) {
  client.setQueryData(meKey, me);
  void client.resetQueries({ predicate: (q) => q.queryKey[0] !== 'openapi' && q.queryKey[0] !== meKey[0] });
}

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (credentials: { email: string; password: string }) => api<{ me: Me }>('POST', '/api/v1/auth/sign-in', { json: credentials }),
    onSuccess: ({ me }) => startFresh(client, me),
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('POST', '/api/v1/auth/sign-out'),
    onSettled: () => startFresh(client, null),
  });
}

export function useSwitchTenant() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (tenantId: string) => api<Me>('POST', '/api/v1/me/tenant', { json: { tenantId } }),
    onSuccess: (me) => startFresh(client, me),
  });
}
