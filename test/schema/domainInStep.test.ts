import { describe, expect, it } from 'vitest';
import {
  buildASTSchema, concatAST, getNamedType, isEnumType, isInputObjectType, isListType, isNonNullType, isObjectType, type GraphQLField,
  type GraphQLInputField, type GraphQLSchema,
} from 'graphql';
import { loadTypeDefs } from '../../src/schema/index.js';
import { ENTITY_PROPERTY_SPECS, RELATIONSHIPS, RELATIONSHIP_TYPES, type PropertySpec, type PropertySpecs } from '../../src/model/domain.js';
import { ENTITY_LABELS } from '../../src/model/entity.js';

/**
 * The domain model (src/model/domain.ts) and the SDL describe the same properties: every stored
 * property is a field of its GraphQL type and of its input, with an enum of exactly the model's
 * values, and every relationship type has its GraphQL type and enum value. A property added on one
 * side only fails here, not in a client.
 */
const schema: GraphQLSchema = buildASTSchema(concatAST(loadTypeDefs()));

function enumValuesOf(field: GraphQLField<unknown, unknown> | GraphQLInputField): string[] | undefined {
  const named = getNamedType(field.type);
  return isEnumType(named) ? named.getValues().map((value) => value.name) : undefined;
}

/** The problems of one GraphQL type (and its input) against the model's property specs. */
function problems(typeName: string, inputName: string | undefined, specs: PropertySpecs): string[] {
  const found: string[] = [];
  const type = schema.getType(typeName);
  if (!isObjectType(type)) return [`${typeName} is not an object type`];
  const input = inputName ? schema.getType(inputName) : undefined;
  if (inputName && !isInputObjectType(input)) return [`${inputName} is not an input type`];
  for (const [name, spec] of Object.entries(specs) as Array<[string, PropertySpec]>) {
    // Protected person fields are read through `Person.protected`, not as fields of Person.
    const field = 'protected' in spec && spec.protected ? undefined : type.getFields()[name];
    if (!('protected' in spec && spec.protected) && !field) found.push(`${typeName}.${name} is missing`);
    const inputField = isInputObjectType(input) ? input.getFields()[name] : undefined;
    if (isInputObjectType(input) && !inputField) found.push(`${inputName}.${name} is missing`);
    for (const f of [field, inputField]) {
      if (!f) continue;
      const coordinate = `${f === field ? typeName : inputName}.${name}`;
      if (spec.type === 'enum' || spec.type === 'enums') {
        expect(enumValuesOf(f), coordinate).toEqual([...spec.values]);
        const isList = isListType(isNonNullType(f.type) ? f.type.ofType : f.type);
        if (isList !== (spec.type === 'enums')) found.push(`${coordinate} is ${isList ? '' : 'not '}a list`);
      }
    }
  }
  return found;
}

describe('the schema and the domain model in step', () => {
  it('has every property of every kind, with the model\'s enum values, on its type and its input', () => {
    const found = ENTITY_LABELS.flatMap((label) => problems(label, `${label}Input`, ENTITY_PROPERTY_SPECS[label]));
    expect(found).toEqual([]);
  });

  it('has every relationship type in RelationshipType, and every property of it on its type and its input', () => {
    const relationshipType = schema.getType('RelationshipType');
    expect(isEnumType(relationshipType) && relationshipType.getValues().map((value) => value.name)).toEqual([...RELATIONSHIP_TYPES]);
    const found = RELATIONSHIP_TYPES.flatMap((type) => {
      const spec = RELATIONSHIPS[type];
      return problems(spec.graphqlType, `${spec.graphqlType}Input`, spec.properties);
    });
    expect(found).toEqual([]);
  });

  it('marks illustrative on every relationship type and the Relationship interface', () => {
    const relationship = schema.getType('Relationship');
    expect(relationship && 'getFields' in relationship ? Object.keys(relationship.getFields()) : []).toContain('illustrative');
    for (const type of RELATIONSHIP_TYPES) expect(RELATIONSHIPS[type].properties, type).toHaveProperty('illustrative');
  });
});
