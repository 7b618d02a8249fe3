/**
 * The database's tables, as one interface that each capability extends by declaration merging:
 *
 *   declare module '../kernel/db/tables.js' { interface Tables { use_cases: UseCaseRow } }
 *
 * so the kernel never imports a capability, and every store still gets typed queries.
 * Conventions for both dialects: ids are text, times are ISO-8601 UTC text (which sorts),
 * JSON is text, booleans are integers 0/1.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface Tables {}
