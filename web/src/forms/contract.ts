import { useQuery } from '@tanstack/react-query';
import { api } from '../api/http';
import type { JsonSchema } from './jsonSchema';

interface OpenApiDocument {
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: JsonSchema }> } }>>;
}

/** The JSON body schema of one operation in the API's published contract (/openapi.json). */
function requestSchema(doc: OpenApiDocument, method: string, path: string): JsonSchema | undefined {
  return doc.paths[path]?.[method.toLowerCase()]?.requestBody?.content['application/json']?.schema;
}

/** The schema a form validates against: the one the API itself enforces, read once per session. */
export function useRequestSchema(method: string, path: string) {
  return useQuery({
    queryKey: ['openapi'],
    queryFn: () => api<OpenApiDocument>('GET', '/openapi.json'),
    staleTime: Infinity,
    select: (doc) => requestSchema(doc, method, path),
  });
}
