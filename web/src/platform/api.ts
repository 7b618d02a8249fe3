import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/http';
import type { EndpointStatus, GatewaySettings, ModelEndpoint } from './types';

/** The model catalogue, by name. */
export const modelEndpoints = queryOptions({
  queryKey: ['model-endpoints'],
  queryFn: () => api<{ items: ModelEndpoint[] }>('GET', '/api/v1/model-endpoints'),
  select: (d) => d.items,
  staleTime: 30_000,
});

export function useAddEndpoint() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: unknown) => api<ModelEndpoint>('POST', '/api/v1/model-endpoints', { json: body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['model-endpoints'] }),
  });
}

/** Changes an endpoint's status, guarded by the version that was read. */
export function useEndpointStatus() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ endpoint, status }: { endpoint: ModelEndpoint; status: EndpointStatus }) =>
      api<ModelEndpoint>('PATCH', `/api/v1/model-endpoints/${encodeURIComponent(endpoint.id)}`, { json: { status }, headers: { 'if-match': `"v${endpoint.version}"` } }),
    onSettled: () => Promise.all([client.invalidateQueries({ queryKey: ['model-endpoints'] }), client.invalidateQueries({ queryKey: ['ledger'] })]),
  });
}

export const gatewaySettings = queryOptions({
  queryKey: ['gateway-settings'],
  queryFn: () => api<GatewaySettings>('GET', '/api/v1/gateway/settings'),
});

export function useSaveGatewaySettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: unknown) => api<GatewaySettings>('PUT', '/api/v1/gateway/settings', { json: body }),
    onSuccess: (saved) => client.setQueryData(gatewaySettings.queryKey, saved),
  });
}
