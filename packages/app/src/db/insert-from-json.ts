import { getTableColumns, sql, type SQL, type Table } from 'drizzle-orm';

/** A row keyed by the table's column names (what `json_populate_recordset` reads), from the schema's field names. */
export function byColumnName(table: Table, fields: readonly string[], row: Record<string, unknown>): Record<string, unknown> {
  const columns = getTableColumns(table);
  return Object.fromEntries(fields.map((f) => [columns[f]!.name, row[f] ?? null]));
}

/**
 * `insert into <table> (<columns>) select <columns> from json_populate_recordset(null::<table>, <rows>::json)`:
 * any number of rows from one JSON parameter, so a statement's text is the same whatever their
 * number (it can stand as a CTE in a statement built once). The columns left out keep their defaults.
 */
export function insertFromJson(table: Table, fields: readonly string[], rows: string): SQL {
  const columns = getTableColumns(table);
  const list = sql.join(
    fields.map((f) => sql.identifier(columns[f]!.name)),
    sql`, `,
  );
  return sql`insert into ${table} (${list}) select ${list} from json_populate_recordset(null::${table}, ${sql.placeholder(rows)}::json)`;
}
