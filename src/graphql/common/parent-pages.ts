// Pages of a large child relation (a partner's touchpoints or credit) for many
// parents at once, bounded per parent. Prisma cannot limit an include per
// parent — it reads every child row and slices in memory, which at scale is
// hundreds of thousands of rows per partner — and one query per parent is
// N+1. So a request-scoped loader collects the parents of one connection
// field and issues a fixed number of statements for all of them:
//   1. one keyset query (LATERAL … LIMIT per parent) for the page's ids,
//   2. one Prisma findMany by those ids with the field's nested selection,
//   3. when totalCount is asked, one grouped count.
// Cursors are Pothos' (the child id); the page follows `order`, whose last
// column must be unique.
import { arrayLiteral } from '../../db/sql-arrays.js';
import type { GraphQLContext } from '../context.js';
import { loaderFor } from './batch.js';

interface OrderColumn {
  /** SQL column of the child table. */
  column: string;
  /** The same column's Prisma field name. */
  field: string;
  desc: boolean;
}

/** SQL conditions on the child table (alias `c`); `?` placeholders take `params` in order. */
export interface ChildFilter {
  conditions: string[];
  params: unknown[];
}

interface ParentPagesSpec<Row> {
  /** Loader name; one per connection field. */
  name: string;
  table: string;
  parentColumn: string;
  parentField: string;
  order: OrderColumn[];
  filter: ChildFilter;
  findMany(args: Record<string, unknown>): Promise<Row[]>;
}

/** What Pothos hands a prismaConnection resolver: take/skip/cursor plus the nested selection. */
interface ConnectionQuery {
  take?: number;
  skip?: number;
  cursor?: { id?: string };
  select?: Record<string, unknown>;
  include?: Record<string, unknown>;
}

/** Numbers `?` placeholders from `first` on. */
function numbered(sql: string, first: number): string {
  let n = first;
  return sql.replace(/\?/g, () => `$${n++}`);
}

/**
 * Rows strictly after the cursor row in `order` (before it when `backward`):
 * (k0 after c0) OR (k0 = c0 AND k1 after c1) OR …
 */
function keysetCondition(order: readonly OrderColumn[], backward: boolean): string {
  const alternatives = order.map((col, i) => {
    const equalPrefix = order.slice(0, i).map((p) => `c.${p.column} = (SELECT ${p.column} FROM cur)`);
    const later = col.desc !== backward ? '<' : '>';
    return [...equalPrefix, `c.${col.column} ${later} (SELECT ${col.column} FROM cur)`].join(' AND ');
  });
  return `(${alternatives.map((a) => `(${a})`).join(' OR ')})`;
}

function compareBy(order: readonly OrderColumn[]) {
  return (a: Record<string, unknown>, b: Record<string, unknown>): number => {
    for (const col of order) {
      const x = a[col.field];
      const y = b[col.field];
      const xv = x instanceof Date ? x.getTime() : String(x);
      const yv = y instanceof Date ? y.getTime() : String(y);
      if (xv < yv) return col.desc ? 1 : -1;
      if (xv > yv) return col.desc ? -1 : 1;
    }
    return 0;
  };
}

/** One page of children for `parentId`, batched with every other parent of the same field and arguments. */
export function loadParentPage<Row extends object>(
  ctx: GraphQLContext,
  spec: ParentPagesSpec<Row>,
  parentId: string,
  query: ConnectionQuery,
): Promise<Row[]> {
  const signature = JSON.stringify([spec.name, spec.filter.params, query]);
  const loader = loaderFor<Row[]>(ctx, `pages:${signature}`, async (parentIds) => {
    const take = query.take ?? 20;
    const backward = take < 0;
    const cursor = query.cursor?.id ?? null;
    const orderSql = spec.order.map((o) => `c.${o.column} ${o.desc !== backward ? 'DESC' : 'ASC'}`).join(', ');
    const conditions = [`c.${spec.parentColumn} = p.parent`, ...spec.filter.conditions];
    if (cursor) conditions.push(keysetCondition(spec.order, backward));
    const sql = `WITH cur AS (SELECT * FROM ${spec.table} WHERE id = $2::uuid)
      SELECT x.id::text AS id FROM unnest($1::uuid[]) AS p(parent)
      CROSS JOIN LATERAL (
        SELECT c.id FROM ${spec.table} c WHERE ${numbered(conditions.join(' AND '), 4)}
        ORDER BY ${orderSql} LIMIT $3
      ) x`;
    const ids = await ctx.db.sql.query<{ id: string }>(sql, [arrayLiteral(parentIds), cursor, Math.abs(take), ...spec.filter.params]);
    const pages = new Map<string, Row[]>(parentIds.map((id) => [id, []]));
    if (ids.length === 0) return pages;
    const extra: Record<string, true> = { id: true, [spec.parentField]: true };
    for (const o of spec.order) extra[o.field] = true;
    const selection = query.select ? { select: { ...query.select, ...extra } } : query.include ? { include: query.include } : {};
    const rows = await spec.findMany({ where: { id: { in: ids.map((r) => r.id) } }, ...selection });
    for (const row of rows) pages.get(String((row as Record<string, unknown>)[spec.parentField]))?.push(row);
    const compare = compareBy(spec.order);
    for (const page of pages.values()) page.sort((a, b) => compare(a as Record<string, unknown>, b as Record<string, unknown>));
    return pages;
  });
  return loader.load(parentId).then((page) => page ?? []);
}

/** The connection's totalCount for `parentId`, one grouped count for every parent of the field. */
export function countForParent(
  ctx: GraphQLContext,
  spec: Omit<ParentPagesSpec<never>, 'findMany' | 'order'>,
  parentId: string,
): Promise<number> {
  const loader = loaderFor<number>(ctx, `count:${JSON.stringify([spec.name, spec.filter.params])}`, async (parentIds) => {
    const where = numbered([`c.${spec.parentColumn} = ANY($1::uuid[])`, ...spec.filter.conditions].join(' AND '), 2);
    const rows = await ctx.db.sql.query<{ parent: string; n: number }>(
      `SELECT c.${spec.parentColumn}::text AS parent, count(*)::int AS n FROM ${spec.table} c WHERE ${where} GROUP BY 1`,
      [arrayLiteral(parentIds), ...spec.filter.params],
    );
    return new Map(rows.map((r) => [r.parent, Number(r.n)]));
  });
  return loader.load(parentId).then((n) => n ?? 0);
}
