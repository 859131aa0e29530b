// Apollo Client 4: the recommended InMemoryCache and persisted queries over GET.
import { ApolloClient, HttpLink, InMemoryCache } from "@apollo/client";
import { PersistedQueryLink } from "@apollo/client/link/persisted-queries";
import { getOperationAST } from "graphql";
import manifest from "../persisted-operations.json" with { type: "json" };
import generated from "../possible-types.json" with { type: "json" };

// Operation name → the SHA-256 the server registered it under.
const ids = Object.fromEntries(
  Object.entries(manifest).map(([sha256, { operationName }]) => [operationName, sha256]),
);

// Objects without an id (pages of results, payloads, counts): kept inside the field that
// holds them, never normalised.
const embedded = { keyFields: false };

export const typePolicies = {
  Query: {
    fields: {
      // A list is one cache entry per language and filter, and per page: pages never overwrite
      // or merge into each other. Every argument is part of the key.
      articles: { keyArgs: ["locale", "tag", "page", "perPage", "after", "before"] },
      organisations: {
        keyArgs: [
          "locale",
          "service",
          "region",
          "includeNational",
          "coverage",
          "search",
          "page",
          "perPage",
          "after",
          "before",
        ],
      },
      authors: { keyArgs: ["locale"] },
      services: { keyArgs: ["locale"] },
      crisisLines: { keyArgs: ["locale", "region"] },
      search: { keyArgs: ["query", "locale", "limit"] },
      locales: { keyArgs: false },
      article: { keyArgs: ["slug", "locale", "token"] },
      organisation: { keyArgs: ["id", "locale", "token"] },
      route: { keyArgs: ["path"] },
      sitemap: { keyArgs: ["locale", "page", "perPage", "after", "before"] },
    },
  },
  ArticlePage: {
    fields: {
      comments: { keyArgs: ["page", "perPage", "after", "before"] },
    },
  },
  PaginatedArticles: embedded,
  PaginatedOrganisations: embedded,
  PaginatedComments: embedded,
  PaginatedSitemap: embedded,
  SitemapEntry: embedded,
  SitemapTranslation: embedded,
  PaginationType: { ...embedded, merge: true },
  PageInfo: { ...embedded, merge: true },
  TranslationStatus: { ...embedded, merge: true },
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

export function createCache() {
  return new InMemoryCache({ possibleTypes: generated.possibleTypes, typePolicies });
}

export function createApolloClient(uri) {
  const persisted = new PersistedQueryLink({
    generateHash: (document) => {
      const name = getOperationAST(document)?.name?.value;
      const hash = name ? ids[name] : undefined;
      if (!hash) throw new Error(`${name ?? "an anonymous operation"} is not in the contract`);
      return hash;
    },
    useGETForHashedQueries: true,
  });
  return new ApolloClient({
    link: persisted.concat(new HttpLink({ uri })),
    cache: createCache(),
  });
}
