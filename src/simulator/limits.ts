// Bybit's connection rules at the upgrade: at most `max` new connections per IP within a sliding
// window (500 per 5 minutes, all categories together), and at most `perCategory` open connections
// per IP and category (1,000). Over either, the upgrade is answered HTTP 429 with a Retry-After.
// REST has its own window (600 requests per 5 s per IP), answered 403 "access too frequent".
import type { RefuseReason } from './stats'

export interface ConnectionLimits {
  /** New connections allowed per IP within `windowMs`. */
  max: number
  windowMs: number
  /** Open connections allowed per IP and category. */
  perCategory: number
}

export type Admission = { ok: true } | { ok: false; reason: RefuseReason; retryAfterS: number }

/** Events per key (a client IP) within a sliding window. */
export class SlidingWindow {
  private readonly stamps = new Map<string, number[]>()

  constructor(
    readonly max: number,
    readonly windowMs: number
  ) {}

  /** Counts one event for `key` unless the window is full; the seconds until room when it is. */
  take(key: string, now = Date.now()): { ok: true } | { ok: false; retryAfterS: number } {
    const stamps = this.window(key, now)
    if (stamps.length >= this.max) {
      return { ok: false, retryAfterS: Math.max(1, Math.ceil((stamps[0] + this.windowMs - now) / 1000)) }
    }
    stamps.push(now)
    return { ok: true }
  }

  private window(key: string, now: number): number[] {
    let stamps = this.stamps.get(key)
    if (!stamps) this.stamps.set(key, (stamps = []))
    const from = now - this.windowMs
    let drop = 0
    while (drop < stamps.length && stamps[drop] <= from) drop++
    if (drop > 0) stamps.splice(0, drop)
    return stamps
  }
}

export class ConnectionLimiter {
  private readonly opened: SlidingWindow

  constructor(readonly limits: ConnectionLimits) {
    this.opened = new SlidingWindow(limits.max, limits.windowMs)
  }

  /** Decides on one upgrade from `ip`; an admitted one is counted against the window. */
  admit(ip: string, openInCategory: number, now = Date.now()): Admission {
    if (openInCategory >= this.limits.perCategory) {
      return { ok: false, reason: 'connections_per_category', retryAfterS: 1 }
    }
    const taken = this.opened.take(ip, now)
    return taken.ok ? taken : { ok: false, reason: 'connection_budget', retryAfterS: taken.retryAfterS }
  }
}
