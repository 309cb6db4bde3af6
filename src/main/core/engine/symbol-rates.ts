// Per-symbol trades/s for the Symbols overview, sampled on the rate sampler's tick (once a second)
// from each ring's ever-stored counter: no work per trade, one map entry per (category, symbol).

import type { SymbolActivity } from '../storage/symbol-activity'

interface Mark {
  at: number
  stored: number
  rate: number
}

export function symbolKey(category: string, symbol: string): string {
  return `${category}:${symbol}`
}

export class SymbolRates {
  private marks = new Map<string, Mark>()
  private lastTickAt = 0

  /** Rates since the previous tick; symbols whose ring is gone are forgotten. */
  tick(now: number, rings: readonly SymbolActivity[]): void {
    const next = new Map<string, Mark>()
    for (const r of rings) {
      const key = symbolKey(r.category, r.symbol)
      // a ring made since the last tick started from 0 then
      const prev = this.marks.get(key) ?? { at: this.lastTickAt, stored: 0 }
      const dt = prev.at > 0 ? (now - prev.at) / 1000 : 0
      // a counter that went back (a ring dropped and made again) restarts the rate at 0
      const rate = dt > 0 && r.storedTotal >= prev.stored ? (r.storedTotal - prev.stored) / dt : 0
      next.set(key, { at: now, stored: r.storedTotal, rate: Math.round(rate * 100) / 100 })
    }
    this.marks = next
    this.lastTickAt = now
  }

  /** Trades stored per second at the last tick; 0 for a symbol not seen at a tick yet. */
  rate(category: string, symbol: string): number {
    return this.marks.get(symbolKey(category, symbol))?.rate ?? 0
  }
}
