import { DateTime } from 'luxon';

/** The one source of "now". Injected everywhere so that demos and tests can fix time (BBOOR_NOW). */
export interface Clock {
  /** The current instant. */
  now(): Date;
  /** Today's civil date in Europe/Amsterdam, YYYY-MM-DD. */
  today(): string;
}

export const ZONE = 'Europe/Amsterdam';

function amsterdamDate(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: ZONE }).toISODate() as string;
}

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => amsterdamDate(new Date()),
};

/** A clock that stands still at `iso` (an ISO timestamp with offset). */
export function fixedClock(iso: string): Clock {
  const dt = DateTime.fromISO(iso, { setZone: true });
  if (!dt.isValid) throw new Error(`not an ISO timestamp: ${iso}`);
  const instant = dt.toJSDate();
  return {
    now: () => new Date(instant.getTime()),
    today: () => amsterdamDate(instant),
  };
}

/** A clock tests can move forward by hand. */
export function manualClock(iso: string): Clock & { set(iso: string): void } {
  let current = fixedClock(iso);
  return {
    now: () => current.now(),
    today: () => current.today(),
    set: (next: string) => {
      current = fixedClock(next);
    },
  };
}
