// urql with graphcache (normalised) and persisted queries over GET.
import { Client, fetchExchange } from "@urql/core";
import { cacheExchange } from "@urql/exchange-graphcache";
import { persistedExchange } from "@urql/exchange-persisted";
import { buildSchema, getOperationAST, introspectionFromSchema } from "graphql";
import manifest from "../persisted-operations.json" with { type: "json" };

const ids = Object.fromEntries(
  Object.entries(manifest).map(([sha256, { operationName }]) => [operationName, sha256]),
);

// graphcache takes the schema as an introspection result: make it from schema.graphql (at
// build time in a browser app; introspection is off on the production server).
export function introspect(schemaSDL) {
  return introspectionFromSchema(buildSchema(schemaSDL));
}

// Objects without an id (pages of results, payloads, counts): embedded in their parent.
const embedded = () => null;

export const keys = {
  PaginatedArticles: embedded,
  PaginatedOrganisations: embedded,
  PaginatedComments: embedded,
  PaginatedSitemap: embedded,
  SitemapEntry: embedded,
  SitemapTranslation: embedded,
  PaginationType: embedded,
  PageInfo: embedded,
  TranslationStatus: embedded,
  TranslationLink: embedded,
  ReactionCount: embedded,
  Programme: embedded,
  LocaleInfo: embedded,
  PostCommentPayload: embedded,
  ReactPayload: embedded,
  SubmitQuizPayload: embedded,
  ReportDirectoryProblemPayload: embedded,
  QuestionResult: embedded,
  FieldError: embedded,
};

export function createUrqlClient(url, schema) {
  return new Client({
    url,
    exchanges: [
      // Fields are cached per argument set: every language, filter and page on its own.
      cacheExchange({ schema, keys }),
      persistedExchange({
        generateHash: async (_query, document) => {
          const name = getOperationAST(document)?.name?.value;
          const hash = name ? ids[name] : undefined;
          if (!hash) throw new Error(`${name ?? "an anonymous operation"} is not in the contract`);
          return hash;
        },
        enforcePersistedQueries: true,
        preferGetForPersistedQueries: true,
      }),
      fetchExchange,
    ],
  });
}
