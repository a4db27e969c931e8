// The shape every importable entity (partners, accounts, opportunities,
// touchpoints) implements: its file and header, how a row validates, how its
// references resolve against the database, and how a batch is written.
import type { z } from 'zod';
import type { SqlClient } from '../db/client.js';

/** A validated row and where its cells are in the file. */
export interface LocatedRow<Row> {
  row: Row;
  line: number;
  /** Header column -> position of its cell. */
  positions: Readonly<Record<string, { line: number; column: number }>>;
}

/** A problem found while resolving a row's references. */
export interface RowProblem {
  index: number;
  field: string;
  message: string;
  hint?: string;
}

export interface WriteCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface ResolveContext {
  /** Files of this import that were rejected (their keys are not in the database). */
  rejectedFiles: ReadonlySet<string>;
}

export interface EntityImporter<Row, Ready> {
  file: string;
  /** Singular noun for messages: "partner". */
  entity: string;
  header: readonly string[];
  /** Trailing header columns a file may leave out (read as empty), e.g. a column added after the format was first published. */
  omittable?: readonly string[];
  schema: z.ZodType<Row, Record<string, string>>;
  /** The natural key, unique within a file; and the column it is in. */
  keyOf(row: Row): string;
  keyColumn: string;
  /** Checks references against the database; rows without problems come back ready to write. */
  resolve(sql: SqlClient, rows: readonly LocatedRow<Row>[], ctx: ResolveContext): Promise<{ problems: RowProblem[]; ready: Ready[] }>;
  /** Upserts ready rows by natural key; a row equal to what is stored is left alone. */
  write(sql: SqlClient, ready: readonly Ready[]): Promise<WriteCounts>;
  /** The opportunities whose report rollup the write can move (src/engine/report-rollup.ts), read before it. */
  rollupOpportunities?(sql: SqlClient, ready: readonly Ready[]): Promise<string[]>;
}
