// Every type, field, argument, input field and enum value of the API has a
// description: the schema is the documentation frontend developers and
// integrators read (GraphiQL, codegen'd types). graphql's own introspection
// types and built-in scalars are described by graphql-js and skipped.
import { describe, expect, it } from 'vitest';
import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
  type GraphQLSchema,
} from 'graphql';
import { buildSchema } from '../../src/graphql/schema.js';

/** A description that says nothing: missing, blank, or a placeholder. */
function isMissing(description: string | null | undefined): boolean {
  if (description == null) return true;
  const text = description.trim();
  return text === '' || /^(todo|tbd|fixme|xxx|description|\.+|-+)$/i.test(text);
}

/** Every schema element without a description, as `Type`, `Type.field`, `Type.field(arg)` or `Enum.VALUE`. */
function missingDescriptions(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    if (isMissing(type.description)) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (isMissing(field.description)) missing.push(`${type.name}.${field.name}`);
        for (const arg of field.args) {
          if (isMissing(arg.description)) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (isMissing(field.description)) missing.push(`${type.name}.${field.name}`);
      }
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) {
        if (isMissing(value.description)) missing.push(`${type.name}.${value.name}`);
      }
    }
  }
  return missing.sort();
}

describe('the GraphQL schema documents itself', () => {
  it('has a description on every type, field, argument, input field and enum value', () => {
    const missing = missingDescriptions(buildSchema());
    expect(missing, `${missing.length} schema elements lack a description:\n${missing.join('\n')}`).toEqual([]);
  });

  it('counts a placeholder as missing', () => {
    expect(isMissing(undefined)).toBe(true);
    expect(isMissing('  ')).toBe(true);
    expect(isMissing('TODO')).toBe(true);
    expect(isMissing('Amount in the deal currency.')).toBe(false);
  });
});
