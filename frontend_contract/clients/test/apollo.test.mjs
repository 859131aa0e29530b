// Apollo Client 4, with the recommended cache (apollo.mjs) and persisted queries over GET: every
// read operation answers as its example shows, read back from the normalised cache, and Apollo
// logs no warning (no "Cannot match inline fragment", no "Cache data may be lost").
import assert from "node:assert/strict";
import { test } from "node:test";
import { loadDevMessages, loadErrorMessages } from "@apollo/client/dev";
import { __DEV__ } from "@apollo/client/utilities/environment";
import { createApolloClient } from "../apollo.mjs";
import {
  byName,
  captureConsole,
  endpoint,
  exampleOperations,
  exampleVariables,
  expectedData,
  normalise,
  plain,
  recordRequests,
} from "../support.mjs";

loadDevMessages();
loadErrorMessages();

test("Apollo Client runs in development mode, where it warns", () => {
  assert.equal(__DEV__, true, "run node with --conditions=development (npm test does)");
});

test("Apollo Client runs every read operation as a persisted GET and caches it right", async () => {
  const client = createApolloClient(endpoint);
  const { requests, restore } = recordRequests();
  const logged = await captureConsole(async () => {
    for (const operation of exampleOperations) {
      const variables = exampleVariables(operation.name);
      const { data } = await client.query({ query: operation.document, variables });
      assert.deepEqual(normalise(plain(data)), expectedData(operation.name), operation.name);
    }
    // Every answer is still whole in the cache once all of them are in it: none overwrote
    // another's objects or lists.
    for (const operation of exampleOperations) {
      const data = client.readQuery({
        query: operation.document,
        variables: exampleVariables(operation.name),
      });
      assert.deepEqual(normalise(plain(data)), expectedData(operation.name), `${operation.name} (cache)`);
    }
    // The comment form's token is never cached.
    const { data } = await client.query({
      query: byName.CommentForm.document,
      variables: { slug: exampleVariables("ArticleBySlug").slug },
      fetchPolicy: "no-cache",
    });
    assert.match(data.article.commentFormToken, /\S{20,}/);
  }).finally(restore);

  assert.deepEqual(logged, [], "Apollo logged warnings or errors");
  assert.equal(requests.length, exampleOperations.length + 1);
  for (const { method, url } of requests) {
    assert.equal(method, "GET");
    const extensions = JSON.parse(url.searchParams.get("extensions"));
    assert.match(extensions.persistedQuery.sha256Hash, /^[0-9a-f]{64}$/);
    assert.equal(url.searchParams.get("query"), null, "the document itself was sent");
  }
  assert.ok(Object.keys(client.cache.extract()).some((key) => key.startsWith("HeadingBlock:")));
});
