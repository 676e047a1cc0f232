import type { RoleGrant } from '../../../src/core/access/actor';

/**
 * What the phone remembers of the signed-in person so the installed app opens offline (docs/pwa.md):
 * the account id (which keys the kept inbox) and the roles with their places (which decide the menu
 * and the tab bar). No name, no phone, no ID number: nothing personal. Cleared on sign-out, and when
 * the server says the session is gone.
 */
export type OfflineSession = { userId: string; grants: RoleGrant[] };
const KEY = 'lx-offline-session';

export function rememberSession(s: OfflineSession): void {
  try { localStorage.setItem(KEY, JSON.stringify({ userId: s.userId, grants: s.grants })); } catch { /* private mode: offline opening is simply not available */ }
}

export function recalledSession(): OfflineSession | null {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? 'null') as OfflineSession | null;
    return v && /^\d{1,18}$/.test(String(v.userId)) && Array.isArray(v.grants) ? v : null;
  } catch { return null; }
}

/** Forgets the person and drops their kept inbox (the worker is told too, for caches it opens later). */
export async function forgetSession(): Promise<void> {
  try { localStorage.removeItem(KEY); } catch { /* nothing kept */ }
  navigator.serviceWorker?.controller?.postMessage({ type: 'SIGNED_OUT' });
  if (typeof caches === 'undefined') return;
  for (const name of await caches.keys()) if (name.startsWith('lx-inbox-')) await caches.delete(name);
}

/** A new person on this phone: drop anyone else's kept inbox. */
export function announceSession(userId: string): void {
  navigator.serviceWorker?.controller?.postMessage({ type: 'SIGNED_IN', userId });
  if (typeof caches === 'undefined') return;
  void caches.keys().then((names) => Promise.all(names.filter((n) => n.startsWith('lx-inbox-') && n !== `lx-inbox-u${userId}`).map((n) => caches.delete(n))));
}

/** When the kept inbox of this person was last synced with the server (the 「上次同步」 time), or null. */
export async function lastSynced(userId: string): Promise<Date | null> {
  if (typeof caches === 'undefined' || !(await caches.has(`lx-inbox-u${userId}`))) return null;
  const cache = await caches.open(`lx-inbox-u${userId}`);
  let latest: Date | null = null;
  for (const req of await cache.keys()) {
    const at = (await cache.match(req))?.headers.get('x-lx-synced-at');
    if (at && (!latest || new Date(at) > latest)) latest = new Date(at);
  }
  return latest;
}
