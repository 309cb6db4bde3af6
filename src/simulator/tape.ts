// The exchange's tape: every trade generated, in order (the tests' ground truth), and the latest
// trades per symbol that REST recent-trade serves, whether or not any client saw them live.
import type { SentTrade } from './types'

/** Bybit serves at most 1000 recent trades (derivatives; spot 60). */
export const RECENT_DEPTH = 1000

export class Tape {
  private all: SentTrade[] = []
  private readonly recentByKey = new Map<string, SentTrade[]>()

  constructor(private readonly capacity = Number.POSITIVE_INFINITY) {}

  record(trades: readonly SentTrade[]): void {
    for (const t of trades) this.all.push(t)
    if (this.all.length > this.capacity * 1.25) this.all = this.all.slice(this.all.length - this.capacity)
    if (trades.length === 0) return
    const key = tapeKey(trades[0].category, trades[0].symbol)
    let recent = this.recentByKey.get(key)
    if (!recent) this.recentByKey.set(key, (recent = []))
    for (const t of trades) recent.push(t)
    // Trim in bulk so the hot path is amortised O(1).
    if (recent.length > RECENT_DEPTH * 2) recent.splice(0, recent.length - RECENT_DEPTH)
  }

  /** A snapshot copy, oldest first. */
  sent(): SentTrade[] {
    return this.all.length > this.capacity ? this.all.slice(this.all.length - this.capacity) : this.all.slice()
  }

  /** Newest first, at most `limit`. */
  recent(category: string, symbol: string, limit: number): SentTrade[] {
    const recent = this.recentByKey.get(tapeKey(category, symbol)) ?? []
    return recent.slice(Math.max(0, recent.length - limit)).reverse()
  }

  /** Oldest first, the last k of a symbol (for duplicate resends). */
  last(category: string, symbol: string, k: number): SentTrade[] {
    const recent = this.recentByKey.get(tapeKey(category, symbol)) ?? []
    return recent.slice(Math.max(0, recent.length - k))
  }
}

export function tapeKey(category: string, symbol: string): string {
  return `${category}:${symbol}`
}
