// The SQL every hygiene check is written in: the item row's columns, the
// touch-is-live predicate at an instant, blanks, the rule-set filter and the
// parameter list the runner binds.
//
// Parameters of every check's SQL: $1 = T (the end of the asOf day,
// timestamptz), $2 = inactive days, $3 = duplicate days, $4 = rule set key or
// null, $5 = reporting currency; a check's counts also read $6 = the previous
// week's T (the start of asOf's ISO week, always before $1).

/** A touch is on record at `at`: it occurred before and was not deleted before. */
export const liveAt = (t: string, at: string) => `(${t}.occurred_at < ${at} AND (${t}.deleted_at IS NULL OR ${t}.deleted_at >= ${at}))`;
/** A touch is on record at T ($1). */
export const LIVE = (t: string) => liveAt(t, '$1');
/** A touch is on record at T ($1) or at the previous week's T ($6 < $1): the rows both counts read. */
export const LIVE_EITHER = (t: string) => `(${t}.occurred_at < $1 AND (${t}.deleted_at IS NULL OR ${t}.deleted_at >= $6))`;
export const BLANK = (col: string) => `NULLIF(btrim(${col}), '') IS NULL`;
export const RULE_SET = (
  ca: string,
) => `($4::text IS NULL OR EXISTS (SELECT 1 FROM rule_version rv JOIN rule_set rs ON rs.id = rv.rule_set_id
  WHERE rv.id = ${ca}.rule_version_id AND rs.key = $4::text))`;
export const COLS = `entity_type, entity_id, label, opportunity_key, partner_key, account_key, touchpoint_id, dispute_id, allocation_id, related_id, at, detail`;

/** Ties of a check's order broken explicitly: items come out in one order only. */
export const TIE_BREAK = 'partner_key NULLS FIRST, related_id NULLS FIRST, allocation_id NULLS FIRST';

type ItemColumn =
  | 'entity_type'
  | 'entity_id'
  | 'label'
  | 'opportunity_key'
  | 'partner_key'
  | 'account_key'
  | 'touchpoint_id'
  | 'dispute_id'
  | 'allocation_id'
  | 'related_id'
  | 'at'
  | 'detail';
const ITEM_COLUMNS: ItemColumn[] = COLS.split(', ') as ItemColumn[];

/** The SELECT list of one hygiene item: the given SQL expressions, NULL for the rest, in COLS order. */
export function itemColumns(exprs: Partial<Record<ItemColumn, string>>): string {
  return ITEM_COLUMNS.map((c) => `${exprs[c] ?? (c === 'at' ? 'NULL::timestamptz' : 'NULL::text')} AS ${c}`).join(', ');
}
/** A touchpoint item's identity columns (alias `t`, partner `p`, account `a`, opportunity `o`). */
export const touchItem = (t: string, detail: string, extra: Partial<Record<ItemColumn, string>> = {}) =>
  itemColumns({
    entity_type: `'touchpoint'`,
    entity_id: `${t}.id::text`,
    label: `${t}.source || ':' || ${t}.external_id`,
    opportunity_key: 'o.key',
    partner_key: 'p.key',
    account_key: 'a.key',
    touchpoint_id: `${t}.id::text`,
    at: `${t}.occurred_at`,
    detail,
    ...extra,
  });
/** A credit allocation item's identity columns (alias `ca`, partner `p`, account `a`, opportunity `o`). */
export const allocationItem = (detail: string, extra: Partial<Record<ItemColumn, string>> = {}) =>
  itemColumns({
    entity_type: `'allocation'`,
    entity_id: 'ca.id::text',
    label: `ca.lane::text || ' credit on ' || o.key`,
    opportunity_key: 'o.key',
    partner_key: 'p.key',
    account_key: 'a.key',
    allocation_id: 'ca.id::text',
    at: 'ca.created_at',
    detail,
    ...extra,
  });

/** Types every parameter even when a check does not use it (PostgreSQL must know them all). */
export const PARAMS = 'WITH hygiene_params AS (SELECT $1::timestamptz, $2::int, $3::int, $4::text, $5::text, $6::timestamptz)';

/** Binds a check's as-of instant ($1 in its SQL) to parameter `param`, typed. */
function asOfParam(sql: string, param: string): string {
  return sql.replace(/\$1(?!\d)/g, `${param}::timestamptz`);
}

/** Both counts of a check whose SQL is cheap: the SQL run once per instant. */
export function countsAtBoth(sql: string): string {
  return `SELECT (SELECT count(*) FROM (${asOfParam(sql, '$1')}) q)::int AS now,
                 (SELECT count(*) FROM (${asOfParam(sql, '$6')}) q)::int AS before`;
}

/** A check's items: `sql` (COLS as of $1) in `order`, ties broken by TIE_BREAK, at most `limit`. */
export function ordered(sql: string, order: string): (limit: number) => string {
  return (limit) => `SELECT ${COLS} FROM (${sql}) q ORDER BY ${order}, ${TIE_BREAK} LIMIT ${limit}`;
}
