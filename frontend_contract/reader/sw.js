// The reader's service worker: what a reader in a crisis needs keeps working without a network.
//
// Network first, always: online, every request goes to the server as if this worker were not
// there (API reads revalidated with their ETag), and a copy of each successful GET is kept (the reader's own files, and its persisted
// GraphQL reads: the articles read, the directory, the footer's crisis lines, the languages). Offline, the kept copy is
// served instead, marked with the moment it was fetched (`X-Reader-Fetched-At`), so the page can
// say how old it is. Only GETs of this origin are kept; mutations, previews and anything the
// server marked `private` are never kept. The GraphQL copies are bounded (the last
// MAX_API_ENTRIES), oldest first out.

const CACHE = "reader-offline-v1";
const FETCHED_AT = "X-Reader-Fetched-At";
const MAX_API_ENTRIES = 50;

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

function keepable(request, response) {
  if (!response.ok || response.type === "opaque") return false;
  const control = response.headers.get("Cache-Control") || "";
  if (/private/.test(control)) return false;
  const url = new URL(request.url);
  // Previews (an editor's draft) are never kept.
  return !url.searchParams.has("token");
}

async function keep(request, response) {
  const headers = new Headers(response.headers);
  headers.set(FETCHED_AT, new Date().toISOString());
  const body = await response.blob();
  const cache = await caches.open(CACHE);
  await cache.put(request, new Response(body, { status: response.status, headers }));
  if (new URL(request.url).pathname.endsWith("/graphql/")) {
    const api = (await cache.keys()).filter((key) => new URL(key.url).pathname.endsWith("/graphql/"));
    for (const old of api.slice(0, Math.max(0, api.length - MAX_API_ENTRIES))) await cache.delete(old);
  }
}

async function networkFirst(event) {
  const { request } = event;
  try {
    // API reads are revalidated with the server (an unchanged answer is a bodiless 304) rather
    // than taken from the browser's HTTP cache: offline, that copy would be shown as if fresh.
    const api = new URL(request.url).pathname.endsWith("/graphql/");
    const response = await fetch(api ? new Request(request, { cache: "no-cache" }) : request);
    if (keepable(request, response)) event.waitUntil(keep(request, response.clone()));
    return response;
  } catch (offline) {
    const cache = await caches.open(CACHE);
    // A page's address carries its route in the query string: any kept copy of the page
    // itself serves it (the route is read by app.js).
    const kept =
      (await cache.match(request)) ||
      (request.mode === "navigate" ? await cache.match(request, { ignoreSearch: true }) : undefined);
    if (kept) return kept;
    throw offline;
  }
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(networkFirst(event));
});
