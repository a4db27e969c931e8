// The closed vocabularies in src/domain/enums.ts are used by the rules
// checker, CSV import and GraphQL; the database enums come from
// prisma/schema.prisma. They must list the same values in the same order.
// (Taxonomy kinds are data: test/taxonomy/.)
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import internals from '@prisma/internals';
import * as enums from '../../src/domain/enums.js';

const pairs: Array<[string, readonly string[]]> = [
  ['PartnerStatus', enums.PARTNER_STATUSES],
  ['OpportunityType', enums.OPPORTUNITY_TYPES],
  ['Lane', enums.LANES],
  ['RuleVersionStatus', enums.RULE_VERSION_STATUSES],
  ['RunKind', enums.RUN_KINDS],
  ['RunStatus', enums.RUN_STATUSES],
  ['DisputeStatus', enums.DISPUTE_STATUSES],
  ['ApiKeyRole', enums.API_KEY_ROLES],
];

describe('domain enums', () => {
  it('match the enums of prisma/schema.prisma value for value', async () => {
    const dmmf = await internals.getDMMF({ datamodel: readFileSync('prisma/schema.prisma', 'utf8') });
    const fromSchema = new Map(dmmf.datamodel.enums.map((e) => [e.name, e.values.map((v) => v.name)]));
    for (const [name, values] of pairs) {
      expect(fromSchema.get(name), `enum ${name}`).toEqual([...values]);
    }
  });
});
