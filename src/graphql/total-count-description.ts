// A Pothos plugin that gives the `totalCount` field Pothos' Prisma plugin adds
// to connections (`totalCount` option) its description: the plugin offers no
// option for it, and every field of the schema is described
// (test/graphql/schema-descriptions.test.ts).
import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';

const TOTAL_COUNT_DESCRIPTION =
  'How many items the whole list holds with these arguments (filters included), across all pages; counted only when selected.';

const pluginName = 'totalCountDescription';

class TotalCountDescriptionPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override onOutputFieldConfig(fieldConfig: PothosOutputFieldConfig<Types>): PothosOutputFieldConfig<Types> {
    if (fieldConfig.extensions?.pothosPrismaTotalCount && !fieldConfig.description) {
      return { ...fieldConfig, description: TOTAL_COUNT_DESCRIPTION };
    }
    return fieldConfig;
  }
}

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      totalCountDescription: TotalCountDescriptionPlugin<Types>;
    }
  }
}

SchemaBuilder.registerPlugin(pluginName, TotalCountDescriptionPlugin);

export default pluginName;
