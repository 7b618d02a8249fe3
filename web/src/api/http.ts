import { ApiProblem, problemFrom } from './problem';

type Query = Record<string, string | number | boolean | string[] | undefined | null>;

export interface RequestOptions {
  query?: Query;
  json?: unknown;
  /** A raw body (an uploaded CSV) with its content type. */
  body?: BodyInit;
  contentType?: string;
  headers?: Record<string, string>;
}

/** Builds `/api/v1/...?a=1&b=x,y`, leaving out empty values. */
function apiUrl(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    params.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** Listeners told when the API says the session is gone (401), so the app can send the person to sign in. */
const signedOutListeners = new Set<() => void>();
export function onSignedOut(listener: () => void): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

/** Calls the Charter API with the session cookie; throws ApiProblem for every answer that is not 2xx. */
export async function api<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json', ...opts.headers };
  let body = opts.body;
  if (opts.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.json);
  } else if (opts.contentType) {
    headers['content-type'] = opts.contentType;
  }
  let res: Response;
  try {
    res = await fetch(apiUrl(path, opts.query), { method, headers, body, credentials: 'same-origin' });
  } catch {
    throw new ApiProblem(0, 'Charter is unreachable', 'the request did not reach Charter; check your connection and retry');
  }
  if (!res.ok) {
    const problem = await problemFrom(res);
    if (res.status === 401 && path !== '/api/v1/auth/sign-in') signedOutListeners.forEach((l) => l());
    throw problem;
  }
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** A cursor-paginated listing, as every Charter listing answers. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
