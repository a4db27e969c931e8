// The import format: the four CSV files `attrib import DIR` reads and the
// header of each, in order. Read by the importers (src/import/entities/), the
// mapping targets (src/import/mapping/targets.ts) and the seed's CSV export
// (src/seed/csv-export.ts). The headers are a contract with the people who
// write these files: test/import/mapping-schema.test.ts checks them letter by letter.

interface ImportFile {
  /** The file's name in the import directory. */
  readonly file: string;
  /** The header, in order. */
  readonly header: readonly string[];
  /** Trailing header columns a file may leave out (read as empty): columns added after the format was first published. */
  readonly omittable?: readonly string[];
}

export const IMPORT_FORMAT = {
  partners: { file: 'partners.csv', header: ['key', 'name', 'type', 'tier'] },
  accounts: { file: 'accounts.csv', header: ['key', 'name', 'domain'] },
  opportunities: {
    file: 'opportunities.csv',
    header: ['key', 'account', 'name', 'type', 'amount', 'currency', 'stage', 'created_at', 'closed_at'],
  },
  touchpoints: {
    file: 'touchpoints.csv',
    header: [
      'external_id',
      'source',
      'opportunity',
      'partner',
      'action',
      'channel',
      'occurred_at',
      'proof',
      'owner',
      'next_step',
      'engagement_depth',
      'declared_role',
    ],
    omittable: ['declared_role'],
  },
} as const satisfies Readonly<Record<string, ImportFile>>;

export type ImportEntity = keyof typeof IMPORT_FORMAT;

/** The header columns of an import file. */
export type ImportColumn<E extends ImportEntity> = (typeof IMPORT_FORMAT)[E]['header'][number];
