/** One offending field of a request, as the API names it: `body.outcome.metric`. */
export interface FieldProblem {
  path: string;
  message: string;
}

/** Why a stage transition was refused, as a guard reports it. */
export interface GuardProblem {
  guard: string;
  code: string;
  message: string;
}

/** An application/problem+json answer (or a failure to reach the API), as the UI handles it. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly body: Record<string, unknown> = {},
  ) {
    super(detail || title);
  }

  /** The field problems of a 400, with their API paths. */
  get errors(): FieldProblem[] {
    return Array.isArray(this.body.errors) ? (this.body.errors as FieldProblem[]) : [];
  }

  /** The guard problems of a 409 on a transition. */
  get guardProblems(): GuardProblem[] {
    return Array.isArray(this.body.problems) ? (this.body.problems as GuardProblem[]) : [];
  }

  /** Every reason a refusal names, whether its guards answered in words (a release activation) or as guard problems. */
  get reasons(): string[] {
    if (!Array.isArray(this.body.problems)) return [];
    return (this.body.problems as unknown[]).map((p) => (typeof p === 'string' ? p : String((p as GuardProblem).message ?? JSON.stringify(p))));
  }
}

/** Reads a failed response into an ApiProblem, whether or not it carries problem+json. */
export async function problemFrom(res: Response): Promise<ApiProblem> {
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    return new ApiProblem(res.status, String(body.title ?? res.statusText), String(body.detail ?? ''), body);
  }
  return new ApiProblem(res.status, res.statusText || 'Request failed', await res.text().catch(() => ''));
}
