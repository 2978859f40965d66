import { useEffect, useState } from 'react';

/** The current time, refreshed every `intervalMs` while `active` (for elapsed times and ETAs). */
export function useNow(clock: () => number, intervalMs: number, active: boolean): number {
  const [now, setNow] = useState(clock);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(clock()), intervalMs);
    return () => clearInterval(timer);
  }, [clock, intervalMs, active]);
  return now;
}
