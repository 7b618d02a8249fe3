/** One offending field of a request: where it is and what is wrong with it. */
export interface FieldProblem {
  path: string;
  message: string;
}

/** The errors domain code throws; the HTTP layer renders each once as application/problem+json. */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly title: string,
    detail?: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
  }
}

export class Invalid extends Problem {
  constructor(detail: string, readonly errors: FieldProblem[] = [], extra: Record<string, unknown> = {}) {
    super(400, 'validation-error', 'Invalid request', detail, { errors, ...extra });
  }
}
export class Unauthenticated extends Problem {
  constructor(detail = 'sign in or send a valid API token') {
    super(401, 'unauthenticated', 'Not authenticated', detail);
  }
}
export class Forbidden extends Problem {
  constructor(detail: string, extra: Record<string, unknown> = {}) {
    super(403, 'forbidden', 'Forbidden', detail, extra);
  }
}
export class NotFound extends Problem {
  constructor(what: string, id?: string) {
    super(404, 'not-found', 'Not found', id ? `${what} ${id} does not exist` : `${what} does not exist`);
  }
}
export class Conflict extends Problem {
  constructor(detail: string, extra: Record<string, unknown> = {}) {
    super(409, 'conflict', 'Conflict', detail, extra);
  }
}
export class PreconditionFailed extends Problem {
  constructor(detail: string, extra: Record<string, unknown> = {}) {
    super(412, 'stale-write', 'Precondition failed', detail, extra);
  }
}
export class Unprocessable extends Problem {
  constructor(detail: string, extra: Record<string, unknown> = {}) {
    super(422, 'unprocessable', 'Unprocessable', detail, extra);
  }
}

export const PROBLEM_BASE = 'https://charter.dev/problems/';
