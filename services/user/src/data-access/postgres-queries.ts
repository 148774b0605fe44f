import type { QueryResult, QueryResultRow } from 'pg';

/** A pool or a client inside a transaction: repositories run on either. */
export interface Queryable {
  query<R extends QueryResultRow = QueryResultRow>(text: string, values?: unknown[]): Promise<QueryResult<R>>;
}

/** Builds `col = $n` assignments for the given columns, in order, from a partial object. */
export function assignments(
  columns: Readonly<Record<string, string>>,
  changes: Readonly<Record<string, unknown>>,
  values: unknown[],
): string[] {
  const sets: string[] = [];
  for (const [field, column] of Object.entries(columns)) {
    if (changes[field] === undefined) continue;
    values.push(changes[field]);
    sets.push(`${column} = $${values.length}`);
  }
  return sets;
}
