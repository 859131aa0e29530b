// Plain fetch: reads as persisted GETs (cacheable by browsers and CDNs), mutations as POSTs.
import manifest from "../persisted-operations.json" with { type: "json" };

const ids = Object.fromEntries(
  Object.entries(manifest).map(([sha256, { operationName }]) => [operationName, sha256]),
);
const ACCEPT = "application/graphql-response+json, application/json";

function hashOf(operationName) {
  const id = ids[operationName];
  if (!id) throw new Error(`${operationName} is not in the contract`);
  return id;
}

async function answer(response) {
  const body = await response.json();
  if (body.errors?.length) {
    throw new Error(body.errors.map((error) => error.message).join("; "));
  }
  return body.data;
}

export async function read(endpoint, operationName, variables = {}, init = {}) {
  const url = new URL(endpoint, globalThis.location?.href);
  url.searchParams.set("id", hashOf(operationName));
  if (Object.keys(variables).length) url.searchParams.set("variables", JSON.stringify(variables));
  return answer(await fetch(url, { ...init, headers: { Accept: ACCEPT, ...init.headers } }));
}

export async function mutate(endpoint, operationName, variables = {}) {
  const sha256Hash = hashOf(operationName);
  const response = await fetch(endpoint, {
    method: "POST",
    headers: { Accept: ACCEPT, "Content-Type": "application/json" },
    body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash } }, variables }),
  });
  return answer(response);
}
