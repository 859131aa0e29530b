// The recommended cache configurations (apollo.mjs, urql.mjs) against schema.graphql and the
// operations, without a server: every object type an operation selects that has no id is
// declared embedded, and each list field's cache key covers every argument it takes (a new
// argument left out of keyArgs would make two different lists share one cache entry).
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  TypeInfo,
  buildSchema,
  getNamedType,
  isObjectType,
  visit,
  visitWithTypeInfo,
} from "graphql";
import { typePolicies } from "../apollo.mjs";
import { keys } from "../urql.mjs";
import { operations, schemaSDL } from "../support.mjs";

const schema = buildSchema(schemaSDL);
const roots = new Set([schema.getQueryType().name, schema.getMutationType().name]);

function selectedTypes() {
  const found = new Set();
  for (const operation of operations) {
    const info = new TypeInfo(schema);
    visit(
      operation.document,
      visitWithTypeInfo(info, {
        SelectionSet() {
          const type = getNamedType(info.getType() ?? info.getParentType());
          if (type && isObjectType(type)) found.add(type);
        },
      }),
    );
  }
  return [...found].filter((type) => !roots.has(type.name));
}

test("every selected object type without an id is declared embedded", () => {
  const withoutId = selectedTypes()
    .filter((type) => !("id" in type.getFields()))
    .map((type) => type.name)
    .sort();
  assert.ok(withoutId.includes("PaginatedComments"));
  assert.deepEqual(withoutId.filter((name) => typePolicies[name]?.keyFields !== false), []);
  assert.deepEqual(withoutId.filter((name) => keys[name]?.({}) !== null), []);
});

test("Apollo's keyArgs cover every argument of the fields they key", () => {
  for (const [typeName, policy] of Object.entries(typePolicies)) {
    for (const [fieldName, { keyArgs }] of Object.entries(policy.fields ?? {})) {
      const field = schema.getType(typeName).getFields()[fieldName];
      assert.ok(field, `${typeName}.${fieldName} is not in the schema`);
      const args = field.args.map((arg) => arg.name).sort();
      assert.deepEqual([...(keyArgs || [])].sort(), args, `${typeName}.${fieldName}`);
    }
  }
  const rootLists = Object.values(schema.getQueryType().getFields()).filter((field) => field.args.length);
  const keyed = Object.keys(typePolicies.Query.fields);
  assert.deepEqual(rootLists.map((field) => field.name).filter((name) => !keyed.includes(name)), []);
});
