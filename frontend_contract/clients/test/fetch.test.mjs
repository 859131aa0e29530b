// Plain fetch (fetch.mjs): every read operation as a persisted GET answers as its example shows.
import assert from "node:assert/strict";
import { test } from "node:test";
import { read } from "../fetch.mjs";
import {
  endpoint,
  exampleOperations,
  exampleVariables,
  expectedData,
  normalise,
} from "../support.mjs";

test("plain fetch runs every read operation as a persisted GET", async () => {
  for (const operation of exampleOperations) {
    const data = await read(endpoint, operation.name, exampleVariables(operation.name));
    assert.deepEqual(normalise(data), expectedData(operation.name), operation.name);
  }
});

test("plain fetch reports the API's errors", async () => {
  await assert.rejects(read(endpoint, "Authors", { locale: "xx" }), /xx/);
  await assert.rejects(read(endpoint, "NoSuchOperation"), /not in the contract/);
});
