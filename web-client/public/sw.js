// The app shell's service worker: the shell (index.html, the manifest, icons and the hashed bundles
// it loads) is served from the cache when the network is down, so the installed app opens offline
// and shows its own "you are offline" state. The API, sockets and media are never cached: they go to
// the network or fail, as they must (a cached balance or session list would be a lie).
const SHELL = 'lwm-shell-v1';
const SHELL_FILES = ['/', '/manifest.webmanifest', '/icon.svg', '/icon-192.png', '/icon-512.png'];
const NEVER_CACHED = ['/api/', '/ws/', '/media/', '/call/', '/actuator', '/api-docs'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(SHELL_FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((key) => key !== SHELL).map((key) => caches.delete(key))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== location.origin
      || NEVER_CACHED.some((prefix) => url.pathname.startsWith(prefix))) {
    return;
  }
  if (request.mode === 'navigate') {
    // network first, so a deployment shows at once; the cached shell when offline
    event.respondWith(fetch(request).then((response) => {
      const copy = response.clone();
      caches.open(SHELL).then((cache) => cache.put('/', copy));
      return response;
    }).catch(() => caches.match('/')));
    return;
  }
  if (url.pathname.startsWith('/assets/')) {
    // hashed names never change: cache first, and keep what was fetched
    event.respondWith(caches.match(request).then((cached) => cached || fetch(request).then((response) => {
      const copy = response.clone();
      caches.open(SHELL).then((cache) => cache.put(request, copy));
      return response;
    })));
  }
});
