/*
 * The installable app's service worker (docs/pwa.md), written by hand. The build fills in VERSION
 * (a hash of the built file names, which carry their content hashes) and PRECACHE (the built shell:
 * index.html, every asset of the Vite build, the manifest, the icons) — web/pwa/vite-plugin-sw.ts.
 *
 * What it keeps, and nothing more:
 *  - the shell, per build: a navigation opens the network's page, or the cached index.html offline;
 *  - the signed-in person's own inbox reads (GET /api/inbox, /api/inbox/counts): network first, the
 *    last answer kept in a cache of that person alone (`lx-inbox-u<id>`, the id sent by the page in
 *    x-lx-user), dropped on sign-out and when another person signs in on the same phone.
 * No other API answer is stored: they carry personal data the phone must not keep.
 */
const VERSION = '__LX_VERSION__';
const PRECACHE = __LX_PRECACHE__;
const SHELL = `lx-shell-${VERSION}`;
const INBOX = /^\/api\/inbox(\/counts)?$/;
const SYNCED = 'x-lx-synced-at';

self.addEventListener('install', (event) => {
  // cache: 'reload' — the HTTP cache must not hand back an older build's file under a new worker.
  event.waitUntil(caches.open(SHELL).then((c) => c.addAll(PRECACHE.map((u) => new Request(u, { cache: 'reload' })))));
  // No skipWaiting here: the page asks (「有新版本，点此刷新」), so a form being filled is never swapped under the person.
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name.startsWith('lx-shell-') && name !== SHELL) await caches.delete(name);
    await self.clients.claim();
  })());
});

/** Drops every kept inbox except `keep`'s (sign-out: none kept). */
async function dropInboxes(keep) {
  for (const name of await caches.keys()) if (name.startsWith('lx-inbox-') && name !== keep) await caches.delete(name);
}

self.addEventListener('message', (event) => {
  const m = event.data || {};
  if (m.type === 'SKIP_WAITING') self.skipWaiting();
  else if (m.type === 'SIGNED_OUT') event.waitUntil(dropInboxes(null));
  else if (m.type === 'SIGNED_IN' && /^\d{1,18}$/.test(String(m.userId))) event.waitUntil(dropInboxes(`lx-inbox-u${m.userId}`));
});

async function inboxRead(request, userId) {
  const cache = await caches.open(`lx-inbox-u${userId}`);
  try {
    const response = await fetch(request);
    if (response.ok) {
      // Stamped with when it was synced, so the offline banner can say 「上次同步」.
      const body = await response.clone().arrayBuffer();
      const headers = new Headers(response.headers);
      headers.set(SYNCED, new Date().toISOString());
      await cache.put(request, new Response(body, { status: response.status, headers }));
    } else if (response.status === 401 || response.status === 403) {
      await caches.delete(`lx-inbox-u${userId}`);
    }
    return response;
  } catch (err) {
    const kept = await cache.match(request);
    if (kept) return kept;
    throw err;
  }
}

async function navigation(request) {
  try {
    return await fetch(request);
  } catch (err) {
    const shell = await caches.open(SHELL);
    const page = (await shell.match('/index.html')) || (await shell.match('/'));
    if (page) return page;
    throw err;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/')) {
    const userId = request.headers.get('x-lx-user');
    if (INBOX.test(url.pathname) && userId && /^\d{1,18}$/.test(userId)) event.respondWith(inboxRead(request, userId));
    return; // every other API read goes to the network and is never stored
  }
  if (request.mode === 'navigate') {
    event.respondWith(navigation(request));
    return;
  }
  // The built files are named by their content: the cached copy is always the right one.
  event.respondWith(caches.open(SHELL).then((c) => c.match(request)).then((hit) => hit || fetch(request)));
});
