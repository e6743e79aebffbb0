/**
 * What to show once after a redirect — "token made", and the new API token itself: held in this
 * process's memory for a few minutes, for the admin who acted and the page it belongs on, and
 * gone once shown. A token is never in a URL, a cookie or the database (only its hash is stored).
 * A restart, or a second server behind a load balancer, loses it: the admin then makes a new one.
 */
export interface Flash {
  notice: string;
  /** A secret shown once (an API token). */
  secret?: string;
}

export interface FlashStore {
  put(ownerId: number, place: string, flash: Flash): void;
  /** The flash, once; null when there is none (shown already, expired, someone else's). */
  take(ownerId: number, place: string): Flash | null;
}

const KEEP_MS = 5 * 60_000;

export function flashStore(now: () => number): FlashStore {
  const held = new Map<string, Flash & { until: number }>();
  const key = (ownerId: number, place: string) => `${ownerId}\u0000${place}`;
  return {
    put(ownerId, place, flash) {
      for (const [k, v] of held) if (v.until <= now()) held.delete(k);
      held.set(key(ownerId, place), { ...flash, until: now() + KEEP_MS });
    },
    take(ownerId, place) {
      const k = key(ownerId, place);
      const found = held.get(k);
      held.delete(k);
      if (!found || found.until <= now()) return null;
      const { until: _until, ...flash } = found;
      return flash;
    },
  };
}
