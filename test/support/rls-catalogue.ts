import type pg from 'pg';
import { withOwnerClient } from '#haven/testing';

/** A table as the catalogue describes it: its row-level-security switches and what the app role may do. */
export interface CatalogueTable {
  name: string;
  rowSecurity: boolean;
  forceRowSecurity: boolean;
  policies: number;
  hasCoachId: boolean;
  /** Columns an INSERT may name (not GENERATED ALWAYS, not computed). */
  insertable: string[];
  /** Columns the app role may UPDATE (column or table grant). */
  updatable: string[];
}

/**
 * Every table of the public schema that is behind row-level security, has a policy, or holds a
 * `coach_id` column: read from pg_class, pg_policies and pg_attribute, so a table added by a later
 * migration is in the list without anyone remembering to add it.
 */
export async function coachOwnedTables(appRole: string): Promise<CatalogueTable[]> {
  return withOwnerClient(async (db) => {
    const { rows } = await db.query<{ name: string; rls: boolean; force: boolean; policies: number }>(
      `SELECT c.relname AS name, c.relrowsecurity AS rls, c.relforcerowsecurity AS force,
              (SELECT count(*)::int FROM pg_policies p WHERE p.schemaname = n.nspname AND p.tablename = c.relname) AS policies
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
          AND (c.relrowsecurity OR c.relforcerowsecurity
               OR EXISTS (SELECT FROM pg_policies p WHERE p.schemaname = n.nspname AND p.tablename = c.relname)
               OR EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'coach_id' AND NOT a.attisdropped))
        ORDER BY c.relname`,
    );
    const tables: CatalogueTable[] = [];
    for (const row of rows) {
      const columns = await columnsOf(db, row.name, appRole);
      tables.push({
        name: row.name,
        rowSecurity: row.rls,
        forceRowSecurity: row.force,
        policies: row.policies,
        hasCoachId: columns.some((column) => column.name === 'coach_id'),
        insertable: columns.filter((column) => column.insertable).map((column) => column.name),
        updatable: columns.filter((column) => column.updatable).map((column) => column.name),
      });
    }
    return tables;
  });
}

async function columnsOf(db: pg.Client, table: string, appRole: string) {
  const { rows } = await db.query<{ name: string; insertable: boolean; updatable: boolean }>(
    `SELECT a.attname AS name,
            a.attidentity <> 'a' AND a.attgenerated = '' AS insertable,
            has_column_privilege($2, a.attrelid, a.attnum, 'UPDATE') AS updatable
       FROM pg_attribute a
      WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY a.attnum`,
    [table, appRole],
  );
  return rows;
}
