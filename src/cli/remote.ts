/** The HTTP client remote CLI commands use: CHARTER_URL and CHARTER_TOKEN, problem+json errors turned into exit codes. */
export class RemoteError extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message);
  }
}

export interface Remote {
  request<T>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T>;
  raw(method: string, path: string, body?: string | Buffer, headers?: Record<string, string>): Promise<Response>;
}

export function remote(env: NodeJS.ProcessEnv = process.env): Remote {
  const base = env.CHARTER_URL ?? 'http://127.0.0.1:8080';
  const token = env.CHARTER_TOKEN;
  if (!token) throw new RemoteError('set CHARTER_TOKEN to an API token (create one with `charter token create`)', 2);
  const raw = async (method: string, path: string, body?: string | Buffer, headers: Record<string, string> = {}) => {
    try {
      return await fetch(new URL(path, base), { method, body, headers: { authorization: `Bearer ${token}`, ...headers } });
    } catch (err) {
      throw new RemoteError(`cannot reach Charter at ${base}: ${(err as Error).cause ?? (err as Error).message}`, 3);
    }
  };
  return {
    raw,
    async request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
      const res = await raw(method, path, body === undefined ? undefined : JSON.stringify(body), body === undefined ? headers : { 'content-type': 'application/json', ...headers });
      const text = await res.text();
      const data = text ? JSON.parse(text) : undefined;
      if (!res.ok) throw new RemoteError(describeProblem(res.status, data), 1);
      return data as T;
    },
  };
}

export function describeProblem(status: number, data: unknown): string {
  const p = data as { title?: string; detail?: string; errors?: { path: string; message: string }[] } | undefined;
  const lines = [`${status} ${p?.title ?? ''}: ${p?.detail ?? ''}`.trim()];
  for (const e of p?.errors ?? []) lines.push(`  ${e.path}: ${e.message}`);
  return lines.join('\n');
}
