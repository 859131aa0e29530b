// What the client tests share: the live server, the contract's files, the examples'
// normalisation (api/contract.py's `normalise`, in JavaScript) and the warnings clients log.
import { readFileSync, readdirSync } from "node:fs";
import { format } from "node:util";
import { parse } from "graphql";

const CONTRACT = new URL("../", import.meta.url);

export const endpoint = process.env.CONTRACT_ENDPOINT;
if (!endpoint) {
  throw new Error("Set CONTRACT_ENDPOINT to a live test server's /graphql/ URL");
}

export const schemaSDL = readFileSync(new URL("schema.graphql", CONTRACT), "utf8");

// Every operation file: {name, type, text, document}.
export const operations = readdirSync(new URL("operations/", CONTRACT))
  .filter((file) => file.endsWith(".graphql"))
  .sort()
  .map((file) => {
    const text = readFileSync(new URL(`operations/${file}`, CONTRACT), "utf8");
    const document = parse(text);
    return {
      name: file.replace(/\.graphql$/, ""),
      type: document.definitions[0].operation,
      text,
      document,
    };
  });
export const byName = Object.fromEntries(operations.map((operation) => [operation.name, operation]));

// The read operations with an example, and their examples.
export const examples = Object.fromEntries(
  readdirSync(new URL("examples/", CONTRACT))
    .filter((file) => file.endsWith(".json"))
    .map((file) => [
      file.replace(/\.json$/, ""),
      JSON.parse(readFileSync(new URL(`examples/${file}`, CONTRACT), "utf8")),
    ]),
);
export const exampleOperations = operations.filter((operation) => operation.name in examples);

// The variables each example was made with. Those that differ from one database to the next
// (the Organisation example's id) come from CONTRACT_VARIABLES (JSON, by operation name), which
// tests/contract/test_clients.py computes as api/contract.py does; without it, from the server
// (the Organisation example is the first English entry of the directory, by name).
const given = process.env.CONTRACT_VARIABLES
  ? JSON.parse(process.env.CONTRACT_VARIABLES)
  : { Organisation: { id: await firstOrganisationId() } };

async function firstOrganisationId() {
  const response = await fetch(endpoint, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ query: '{ organisations(locale: "en", perPage: 1) { items { id } } }' }),
  });
  return (await response.json()).data.organisations.items[0].id;
}
export function exampleVariables(name) {
  const variables = given[name] ?? examples[name].variables;
  const placeholders = Object.entries(variables).filter(([, value]) => /^<\w+>$/.test(value));
  if (placeholders.length) {
    throw new Error(`${name}: set CONTRACT_VARIABLES for ${placeholders.map(([k]) => k)}`);
  }
  return variables;
}

// api/contract.py's normalise(): values that differ from one database to the next.
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME_RE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const TOKEN_KEYS = new Set(["commentFormToken", "directoryReportFormToken", "formToken", "token"]);
// Cursors hold an item's ordering values and id (api/fields.Keyset).
const CURSOR_KEYS = new Set(["startCursor", "endCursor", "after", "before"]);
const isIdKey = (key) => key === "id" || /(Id|Ids)$/.test(key ?? "");

export function normalise(value, key = null) {
  if (Array.isArray(value)) return value.map((item) => normalise(item, key));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, normalise(item, name)]));
  }
  if (value === null || value === undefined || typeof value === "boolean") return value;
  if (TOKEN_KEYS.has(key) && typeof value === "string") return "<token>";
  if (CURSOR_KEYS.has(key) && typeof value === "string") return "<cursor>";
  if (typeof value === "string" && UUID_RE.test(value)) return "<uuid>";
  if (isIdKey(key)) return "<id>";
  if (typeof value === "string" && DATE_RE.test(value)) return "<date>";
  if (typeof value === "string" && DATETIME_RE.test(value)) return "<datetime>";
  return value;
}

// The example's data, to compare with normalise(data) (a plain JSON copy: clients may freeze
// or decorate their result objects).
export function expectedData(name) {
  return examples[name].response.data;
}
export function plain(data) {
  return JSON.parse(JSON.stringify(data));
}

// Everything clients write to console.warn and console.error while `run` runs (and still shown).
export async function captureConsole(run) {
  const logged = [];
  const original = { warn: console.warn, error: console.error };
  for (const level of ["warn", "error"]) {
    console[level] = (...args) => {
      logged.push(`${level}: ${format(...args)}`);
      original[level](...args);
    };
  }
  try {
    await run();
  } finally {
    Object.assign(console, original);
  }
  return logged;
}

// Every request that goes through the global fetch (what the clients use here).
export function recordRequests() {
  const requests = [];
  const original = globalThis.fetch;
  globalThis.fetch = (input, init = {}) => {
    const url = typeof input === "string" || input instanceof URL ? String(input) : input.url;
    requests.push({ method: init.method ?? input.method ?? "GET", url: new URL(url) });
    return original(input, init);
  };
  return { requests, restore: () => (globalThis.fetch = original) };
}
