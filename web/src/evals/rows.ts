import type { FieldProblem } from '../api/problem';

export interface RowProblem {
  line: number | null;
  field: string | null;
  message: string;
}

/** The API names a bad upload row by its path, `line 3: label` (or `line 3`, or `body` for the upload as a whole). */
export function rowProblems(problems: readonly FieldProblem[]): RowProblem[] {
  return problems.map((p) => {
    const m = /^line (\d+)(?:: (.+))?$/.exec(p.path);
    return m ? { line: Number(m[1]), field: m[2] ?? null, message: p.message } : { line: null, field: null, message: p.message };
  });
}
