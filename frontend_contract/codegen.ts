// GraphQL Code Generator: types.ts from schema.graphql and operations/*.graphql.
// `make schema` runs it (npm run codegen); never edit types.ts by hand. CONTRACT_TYPES_OUT
// writes elsewhere: the test that checks types.ts is current generates into a temporary
// folder and compares.
import type { CodegenConfig } from "@graphql-codegen/cli";

const config: CodegenConfig = {
  schema: "schema.graphql",
  documents: "operations/*.graphql",
  generates: {
    [process.env.CONTRACT_TYPES_OUT || "types.ts"]: {
      plugins: ["typescript-operations"],
      config: {
        // Every scalar the schema has, as JSON carries it: a new one fails the generation
        // until it is mapped here.
        strictScalars: true,
        scalars: {
          Date: "string", // ISO 8601 date, e.g. "2026-11-26"
          DateTime: "string", // ISO 8601 date-time with time zone
          JSONString: "string",
          PositiveInt: "number",
          RichText: "string", // HTML
          UUID: "string",
        },
        // Enums as string unions ("HELPFUL" | "LEARNED" ...): types only, no runtime code.
        enumsAsTypes: true,
        useTypeImports: true,
      },
    },
  },
};

export default config;
