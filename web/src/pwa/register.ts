/**
 * Registers the service worker (docs/pwa.md) and tells the page when a new build's worker is
 * waiting, so it can offer 「有新版本，点此刷新」 instead of swapping code under a form being filled.
 * A browser without service workers, or the development server (no /service-worker.js), simply runs
 * the app online.
 */
type Listener = (waiting: ServiceWorker | null) => void;
let waiting: ServiceWorker | null = null;
const listeners = new Set<Listener>();
const tell = (w: ServiceWorker | null) => { waiting = w; for (const l of listeners) l(w); };

export function onUpdateWaiting(l: Listener): () => void {
  listeners.add(l);
  l(waiting);
  return () => listeners.delete(l);
}

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/service-worker.js', { scope: '/' }).then((reg) => {
      // A worker already waiting (found by an earlier visit), or one that finishes installing now.
      if (reg.waiting && navigator.serviceWorker.controller) tell(reg.waiting);
      reg.addEventListener('updatefound', () => {
        const w = reg.installing;
        w?.addEventListener('statechange', () => {
          if (w.state === 'installed' && navigator.serviceWorker.controller) tell(w);
        });
      });
      // Look for a new build when the app comes back to the foreground (a phone app stays open for days).
      document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'visible') void reg.update().catch(() => undefined); });
    }).catch(() => undefined);
  });
}

/** Activates the waiting worker; the page reloads once it controls it, on the new build. */
export function applyUpdate(): void {
  if (!waiting) return;
  navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), { once: true });
  waiting.postMessage({ type: 'SKIP_WAITING' });
}
