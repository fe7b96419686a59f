import { describe, expect, it } from 'vitest';
import {
  buildASTSchema, buildSchema, concatAST, isEnumType, isInputObjectType, isInterfaceType, isObjectType, isSpecifiedScalarType,
  type GraphQLSchema,
} from 'graphql';
import { loadTypeDefs } from '../../src/schema/index.js';

/**
 * Every type and field has a description: the schema is the analysts' documentation. Lists each
 * undescribed element by its schema coordinate (`Type`, `Type.field`, `Type.field(arg:)`, `Enum.VALUE`).
 */
function undescribed(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  const check = (coordinate: string, description: string | null | undefined): void => {
    if (!description?.trim()) missing.push(coordinate);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || isSpecifiedScalarType(type)) continue;
    check(type.name, type.description);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        check(`${type.name}.${field.name}`, field.description);
        for (const arg of field.args) check(`${type.name}.${field.name}(${arg.name}:)`, arg.description);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) check(`${type.name}.${field.name}`, field.description);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) check(`${type.name}.${value.name}`, value.description);
    }
  }
  return missing.sort();
}

describe('the schema documents itself', () => {
  const schema = buildASTSchema(concatAST(loadTypeDefs()));

  it('describes every type, field, argument, input field and enum value', () => {
    expect(undescribed(schema)).toEqual([]);
  });

  it('reports each kind of undescribed element by its coordinate', () => {
    const sample = buildSchema(`
      "Described." type Query { "Described." items("Described." first: Int, after: String): [Item!]! }
      type Item { id: ID! }
      "Described." input ItemFilter { "Described." kind: Kind, name: String }
      "Described." enum Kind { "Described." A, B }
      scalar Date
    `);
    expect(undescribed(sample)).toEqual(['Date', 'Item', 'Item.id', 'ItemFilter.name', 'Kind.B', 'Query.items(after:)']);
  });
});
