// urql with graphcache (urql.mjs: the schema from schema.graphql, keys for objects without an
// id) and persisted queries over GET: every read operation answers as its example shows, read
// back from the normalised cache, and graphcache warns about nothing.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createUrqlClient, introspect } from "../urql.mjs";
import {
  captureConsole,
  endpoint,
  exampleOperations,
  exampleVariables,
  expectedData,
  normalise,
  plain,
  recordRequests,
  schemaSDL,
} from "../support.mjs";

test("urql with graphcache runs every read operation as a persisted GET and caches it right", async () => {
  const client = createUrqlClient(endpoint, introspect(schemaSDL));
  const { requests, restore } = recordRequests();
  const logged = await captureConsole(async () => {
    for (const operation of exampleOperations) {
      const variables = exampleVariables(operation.name);
      const result = await client.query(operation.document, variables).toPromise();
      assert.equal(result.error, undefined, `${operation.name}: ${result.error}`);
      assert.deepEqual(normalise(plain(result.data)), expectedData(operation.name), operation.name);
    }
    for (const operation of exampleOperations) {
      const variables = exampleVariables(operation.name);
      const result = await client
        .query(operation.document, variables, { requestPolicy: "cache-only" })
        .toPromise();
      assert.deepEqual(
        normalise(plain(result.data)),
        expectedData(operation.name),
        `${operation.name} (cache)`,
      );
    }
  }).finally(restore);

  assert.deepEqual(logged, [], "urql logged warnings or errors");
  assert.equal(requests.length, exampleOperations.length);
  for (const { method, url } of requests) {
    assert.equal(method, "GET");
    const extensions = JSON.parse(url.searchParams.get("extensions"));
    assert.match(extensions.persistedQuery.sha256Hash, /^[0-9a-f]{64}$/);
    assert.equal(url.searchParams.get("query"), null, "the document itself was sent");
  }
});
