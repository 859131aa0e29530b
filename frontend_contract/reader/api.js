// The reader's only way to the server: the persisted operations of ../persisted-operations.json,
// looked up by operation name (so regenerated hashes never break the reader). Reads go over GET
// (cacheable by the browser and any CDN), mutations over POST with a JSON body.

const endpoint = new URL(
  document.querySelector('meta[name="graphql-endpoint"]')?.content || "/graphql/",
  document.baseURI,
);

let manifest;

async function operationIds() {
  if (!manifest) {
    manifest = fetch(new URL("persisted-operations.json", document.baseURI))
      .then((response) => {
        if (!response.ok) throw new Error(`persisted-operations.json: HTTP ${response.status}`);
        return response.json();
      })
      .then((operations) =>
        Object.fromEntries(
          Object.entries(operations).map(([sha256, { operationName, type }]) => [
            operationName,
            { sha256, type },
          ]),
        ),
      );
  }
  return manifest;
}

/** An error the API answered with (GraphQL `errors`, or an HTTP failure). */
export class ApiError extends Error {}

async function operation(name) {
  const found = (await operationIds())[name];
  if (!found) throw new ApiError(`No persisted operation named ${name}.`);
  return found;
}

async function decode(response) {
  let body;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`The server answered HTTP ${response.status}.`);
  }
  if (body.errors?.length) throw new ApiError(body.errors.map((e) => e.message).join(" "));
  if (!response.ok) throw new ApiError(`The server answered HTTP ${response.status}.`);
  return body.data;
}

// Reads may come from the browser's cache (up to the server's max-age). When the reader
// reloads the page they want it fresh, as with any page: revalidate (the ETag makes an
// unchanged answer a bodiless 304).
const reloaded = performance.getEntriesByType("navigation")[0]?.type === "reload";

/** When the oldest answer shown was fetched, if the service worker (sw.js) served any from its
 * offline copies (the network could not be reached); null while everything is fresh. */
export const offline = { fetchedAt: null };

function noteOfflineCopy(response) {
  const fetchedAt = response.headers.get("X-Reader-Fetched-At");
  if (fetchedAt && (!offline.fetchedAt || fetchedAt < offline.fetchedAt)) offline.fetchedAt = fetchedAt;
}

/** Run a persisted query by name; resolves to its `data`. */
export async function query(name, variables = {}) {
  const { sha256 } = await operation(name);
  const url = new URL(endpoint);
  url.searchParams.set("id", sha256);
  url.searchParams.set("variables", JSON.stringify(variables));
  const response = await fetch(url, {
    headers: { Accept: "application/json" },
    cache: reloaded ? "no-cache" : "default",
  });
  noteOfflineCopy(response);
  return decode(response);
}

/** Run a persisted mutation by name; resolves to its `data`. */
export async function mutate(name, variables = {}) {
  const { sha256 } = await operation(name);
  const response = await fetch(endpoint, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({
      extensions: { persistedQuery: { version: 1, sha256Hash: sha256 } },
      variables,
    }),
  });
  return decode(response);
}

/** A URL the API gave (an image's `/media/...`), made absolute against the API's origin. */
export function apiUrl(path) {
  return new URL(path, endpoint).href;
}
