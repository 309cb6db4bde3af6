// Per-symbol trades/s for the Symbols overview, sampled on the rate sampler's tick (once a second)
// from each ring's ever-stored counter: no work per trade, a few numbers per (category, symbol).
// The rate spans the last WINDOW ticks, so frames stored in bursts (a busy event loop) do not make
// it jump from tick to tick.

import type { SymbolActivity } from '../storage/symbol-activity'

/** Ticks the rate spans (about three seconds at the default cadence). */
const WINDOW = 3

interface Point {
  at: number
  stored: number
}
interface Mark {
  /** Oldest first, at most WINDOW + 1 points. */
  points: Point[]
  rate: number
}

export function symbolKey(category: string, symbol: string): string {
  return `${category}:${symbol}`
}

export class SymbolRates {
  private marks = new Map<string, Mark>()
  private lastTickAt = 0

  /** Rates over the last ticks; symbols whose ring is gone are forgotten. */
  tick(now: number, rings: readonly SymbolActivity[]): void {
    const next = new Map<string, Mark>()
    for (const r of rings) {
      const key = symbolKey(r.category, r.symbol)
      // a ring made since the last tick started from 0 then
      const prev = this.marks.get(key)?.points ?? (this.lastTickAt > 0 ? [{ at: this.lastTickAt, stored: 0 }] : [])
      // a counter that went back (a ring dropped and made again) starts over
      const kept = prev.length > 0 && r.storedTotal >= prev[prev.length - 1].stored ? prev : []
      const points = [...kept.slice(-WINDOW), { at: now, stored: r.storedTotal }]
      const first = points[0]
      const dt = (now - first.at) / 1000
      const rate = dt > 0 ? (r.storedTotal - first.stored) / dt : 0
      next.set(key, { points, rate: Math.round(rate * 100) / 100 })
    }
    this.marks = next
    this.lastTickAt = now
  }

  /** Trades stored per second over the last few ticks; 0 for a symbol not seen at a tick yet. */
  rate(category: string, symbol: string): number {
    return this.marks.get(symbolKey(category, symbol))?.rate ?? 0
  }
}
