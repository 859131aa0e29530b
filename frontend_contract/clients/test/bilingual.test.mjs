// English, then Spanish, then English again from the cache, with each normalised cache (Apollo's
// InMemoryCache, urql's graphcache): the cache never shows one language's text under the other.
// Before ids were unique across languages, the Spanish article's blocks rewrote the English
// ones' (same ids) and the Spanish directory's fallbacks turned the English entries' isFallback
// true.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createApolloClient } from "../apollo.mjs";
import { createUrqlClient, introspect } from "../urql.mjs";
import { byName, captureConsole, endpoint, exampleVariables, plain, schemaSDL } from "../support.mjs";

const clients = {
  "Apollo Client": () => {
    const client = createApolloClient(endpoint);
    return async (name, variables, { cacheOnly = false } = {}) => {
      const fetchPolicy = cacheOnly ? "cache-only" : "network-only";
      const { data } = await client.query({ query: byName[name].document, variables, fetchPolicy });
      return plain(data);
    };
  },
  "urql with graphcache": () => {
    const client = createUrqlClient(endpoint, introspect(schemaSDL));
    return async (name, variables, { cacheOnly = false } = {}) => {
      const requestPolicy = cacheOnly ? "cache-only" : "network-only";
      const result = await client.query(byName[name].document, variables, { requestPolicy }).toPromise();
      assert.equal(result.error, undefined, String(result.error));
      return plain(result.data);
    };
  },
};

const headings = (article) =>
  article.body.filter((block) => block.__typename === "HeadingBlock").map((block) => block.text);
const quiz = (article) => article.body.find((block) => block.__typename === "QuizBlock");
const directory = (article) =>
  article.body.find((block) => block.__typename === "OrganisationDirectoryBlock").organisations;

for (const [label, makeClient] of Object.entries(clients)) {
  test(`${label}: English, Spanish, English again: no language under the other`, async () => {
    const logged = await captureConsole(async () => {
      const run = makeClient();
      const englishVariables = exampleVariables("ArticleBySlug");
      const { article: english } = await run("ArticleBySlug", englishVariables);
      const { slug } = english.translations.find((translation) => translation.locale === "es");
      const { article: spanish } = await run("ArticleBySlug", { slug, locale: "es" });

      // The two languages differ where the cache could mix them...
      assert.notDeepEqual(headings(spanish), headings(english));
      assert.notEqual(quiz(spanish).questions[0].prompt, quiz(english).questions[0].prompt);
      assert.ok(directory(spanish).some((organisation) => organisation.isFallback));
      // ...and the English article read back from the cache is still the English one.
      const { article: cached } = await run("ArticleBySlug", englishVariables, { cacheOnly: true });
      assert.deepEqual(headings(cached), headings(english));
      assert.deepEqual(quiz(cached), quiz(english));
      assert.ok(directory(cached).every((organisation) => !organisation.isFallback));
      assert.deepEqual(cached, english);

      const englishDirectory = { locale: "en", page: 1, perPage: 20 };
      const en = await run("OrganisationDirectory", englishDirectory);
      const es = await run("OrganisationDirectory", { ...englishDirectory, locale: "es" });
      assert.ok(es.organisations.items.some((organisation) => organisation.isFallback));
      const again = await run("OrganisationDirectory", englishDirectory, { cacheOnly: true });
      assert.ok(again.organisations.items.every((organisation) => !organisation.isFallback));
      assert.ok(again.organisations.items.every((organisation) => organisation.locale === "en"));
      assert.deepEqual(again, en);
    });
    assert.deepEqual(logged, [], `${label} logged warnings or errors`);
  });
}
