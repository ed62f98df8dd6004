// descent's service worker. `cargo xtask dist` writes it to dist/sw.js, with SHELL in front:
// the build's version and every file of the app shell (the pages, styles, scripts, wasm
// module, favicon and manifest) with its SHA-1. Once a page of descent's own has been loaded,
// the shell is served from one cache per version, cache-first, so the demo opens offline.
//
// One version at a time, never mixed: a new deploy installs beside the old one, fetching every
// file afresh and refusing any whose hash is not this version's (a host or proxy halfway
// through a deploy), and takes over only when no page of the old one is open (no skipWaiting),
// deleting the old cache as it does.
const scope = self.registration.scope;
const prefix = `descent ${scope} `;
const current = prefix + SHELL.version;

const hex = (buffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const fetched = await Promise.all(Object.entries(SHELL.files).map(async ([path, sha1]) => {
      const response = await fetch(new URL(path, scope), { cache: 'no-cache' });
      if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
      const digest = hex(await crypto.subtle.digest('SHA-1', await response.clone().arrayBuffer()));
      if (digest !== sha1) throw new Error(`${path} is not of version ${SHELL.version}`);
      return [path, response];
    }));
    const cache = await caches.open(current);
    await Promise.all(fetched.map(([path, response]) => cache.put(new URL(path, scope), response)));
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(prefix) && name !== current) await caches.delete(name);
    }
    // The page that registered the worker was loaded from the network just before: it is
    // served from the cache from now on.
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !request.url.startsWith(scope)) return;
  let path = new URL(request.url).pathname.slice(new URL(scope).pathname.length);
  if (path === '' || path.endsWith('/')) path += 'index.html';
  if (!Object.hasOwn(SHELL.files, path)) return;
  event.respondWith((async () => {
    const hit = await (await caches.open(current)).match(new URL(path, scope));
    return hit ?? fetch(request);
  })());
});
