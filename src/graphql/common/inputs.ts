// Inputs shared by list fields: ranges and ordering.
import { builder } from '../builder.js';

const OrderDirection = builder.enumType('OrderDirection', {
  description: 'Sort direction.',
  values: {
    ASC: { description: 'Ascending: smallest, earliest or A first.' },
    DESC: { description: 'Descending: largest, latest or Z first.' },
  } as const,
});

export const DateTimeRange = builder.inputType('DateTimeRange', {
  description: 'Inclusive lower bound `from`, exclusive upper bound `to`; either may be omitted.',
  fields: (t) => ({
    from: t.field({ type: 'DateTime', required: false, description: 'Earliest instant included (ISO 8601); omitted: no lower bound.' }),
    to: t.field({ type: 'DateTime', required: false, description: 'First instant excluded (ISO 8601); omitted: no upper bound.' }),
  }),
});

export const DecimalRange = builder.inputType('DecimalRange', {
  description: 'Inclusive bounds on a decimal value.',
  fields: (t) => ({
    min: t.field({ type: 'Decimal', required: false, description: 'Smallest value included (decimal string); omitted: no lower bound.' }),
    max: t.field({ type: 'Decimal', required: false, description: 'Largest value included (decimal string); omitted: no upper bound.' }),
  }),
});

export function dateTimeWhere(range: { from?: Date | null; to?: Date | null } | null | undefined): { gte?: Date; lt?: Date } | undefined {
  if (!range) return undefined;
  const out: { gte?: Date; lt?: Date } = {};
  if (range.from) out.gte = range.from;
  if (range.to) out.lt = range.to;
  return Object.keys(out).length ? out : undefined;
}

export function decimalWhere(
  range: { min?: string | null; max?: string | null } | null | undefined,
): { gte?: string; lte?: string } | undefined {
  if (!range) return undefined;
  const out: { gte?: string; lte?: string } = {};
  if (range.min) out.gte = range.min;
  if (range.max) out.lte = range.max;
  return Object.keys(out).length ? out : undefined;
}

/**
 * Prisma orderBy from `[{ field, direction }]`, always ending with `id` so the
 * order is total and cursors are stable.
 */
export function orderByOf<F extends string>(
  order: ReadonlyArray<{ field: F; direction?: 'ASC' | 'DESC' | null }> | null | undefined,
  columns: Record<F, string>,
  fallback: Array<Record<string, 'asc' | 'desc'>>,
): Array<Record<string, 'asc' | 'desc'>> {
  const list = order?.length
    ? order.map((o) => ({ [columns[o.field]]: (o.direction === 'DESC' ? 'desc' : 'asc') as 'asc' | 'desc' }))
    : [...fallback];
  if (!list.some((o) => 'id' in o)) list.push({ id: 'asc' });
  return list;
}

/** Enum + input for ordering a list by one of `fields`. */
export function orderInput<const F extends readonly [string, ...string[]]>(typeName: string, fields: F) {
  const fieldEnum = builder.enumType(`${typeName}OrderField`, {
    description: `What a list of ${typeName} records can be sorted by.`,
    values: Object.fromEntries(fields.map((f) => [f, { description: `Sort by ${f.toLowerCase().replace(/_/g, ' ')}.` }])) as {
      [K in F[number]]: { description: string };
    },
  });
  return builder.inputType(`${typeName}Order`, {
    description: `One sort key of a ${typeName} list. Several keys sort by the first, then the next; the id always breaks ties, so pages are stable.`,
    fields: (t) => ({
      field: t.field({ type: fieldEnum, required: true, description: 'The value to sort by.' }),
      direction: t.field({ type: OrderDirection, required: false, defaultValue: 'ASC', description: 'Ascending unless DESC.' }),
    }),
  });
}
