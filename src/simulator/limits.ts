// Bybit's connection rules at the upgrade: at most `max` new connections per IP within a sliding
// window (500 per 5 minutes, all categories together), and at most `perCategory` open connections
// per IP and category (1,000). Over either, the upgrade is answered HTTP 429 with a Retry-After.
import type { RefuseReason } from './stats'

export interface ConnectionLimits {
  /** New connections allowed per IP within `windowMs`. */
  max: number
  windowMs: number
  /** Open connections allowed per IP and category. */
  perCategory: number
}

export type Admission = { ok: true } | { ok: false; reason: RefuseReason; retryAfterS: number }

export class ConnectionLimiter {
  private readonly opened = new Map<string, number[]>()

  constructor(readonly limits: ConnectionLimits) {}

  /** Decides on one upgrade from `ip`; an admitted one is counted against the window. */
  admit(ip: string, openInCategory: number, now = Date.now()): Admission {
    if (openInCategory >= this.limits.perCategory) {
      return { ok: false, reason: 'connections_per_category', retryAfterS: 1 }
    }
    const stamps = this.window(ip, now)
    if (stamps.length >= this.limits.max) {
      const retryAfterS = Math.max(1, Math.ceil((stamps[0] + this.limits.windowMs - now) / 1000))
      return { ok: false, reason: 'connection_budget', retryAfterS }
    }
    stamps.push(now)
    return { ok: true }
  }

  /** New connections from `ip` within the window now. */
  used(ip: string, now = Date.now()): number {
    return this.window(ip, now).length
  }

  private window(ip: string, now: number): number[] {
    let stamps = this.opened.get(ip)
    if (!stamps) this.opened.set(ip, (stamps = []))
    const from = now - this.limits.windowMs
    let drop = 0
    while (drop < stamps.length && stamps[drop] <= from) drop++
    if (drop > 0) stamps.splice(0, drop)
    return stamps
  }
}
