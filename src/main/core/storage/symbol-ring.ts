import type { Trade } from '../trade'

/**
 * A fixed-capacity ring of one (category, symbol)'s trades, oldest first, with the dedupe index
 * evicted in lockstep: memory is bounded by the capacity, whatever the exchange sends.
 */
export class SymbolRing {
  private items: (Trade | undefined)[] = []
  private start = 0
  private count = 0
  private readonly ids = new Set<string>()

  constructor(
    readonly category: string,
    readonly symbol: string,
    private cap: number
  ) {}

  get size(): number {
    return this.count
  }

  get capacity(): number {
    return this.cap
  }

  get dedupeIndexSize(): number {
    return this.ids.size
  }

  has(tradeId: string): boolean {
    return this.ids.has(tradeId)
  }

  /** Appends a trade; returns how many old trades were evicted to make room (0 or 1). */
  push(trade: Trade): number {
    this.ids.add(trade.tradeId)
    if (this.count < this.cap) {
      const at = this.start + this.count
      if (at < this.cap) {
        if (at === this.items.length) this.items.push(trade)
        else this.items[at] = trade
      } else this.items[at - this.cap] = trade
      this.count++
      return 0
    }
    const old = this.items[this.start] as Trade
    this.ids.delete(old.tradeId)
    this.items[this.start] = trade
    this.start = this.start + 1 === this.cap ? 0 : this.start + 1
    return 1
  }

  /** i = 0 is the oldest. */
  at(i: number): Trade {
    const k = this.start + i
    return this.items[k < this.cap ? k : k - this.cap] as Trade
  }

  oldest(): Trade | undefined {
    return this.count > 0 ? this.at(0) : undefined
  }

  newest(): Trade | undefined {
    return this.count > 0 ? this.at(this.count - 1) : undefined
  }

  *oldestFirst(): Generator<Trade> {
    for (let i = 0; i < this.count; i++) yield this.at(i)
  }

  /** Up to `limit` trades, newest first. */
  newestFirst(limit: number): Trade[] {
    const out: Trade[] = []
    for (let i = this.count - 1; i >= 0 && out.length < limit; i--) out.push(this.at(i))
    return out
  }

  /** Changes the capacity; returns how many of the oldest trades were evicted to fit. */
  resize(capacity: number): number {
    const kept = [...this.oldestFirst()]
    const evicted = Math.max(0, kept.length - capacity)
    for (let i = 0; i < evicted; i++) this.ids.delete(kept[i].tradeId)
    this.items = kept.slice(evicted)
    this.start = 0
    this.count = this.items.length
    this.cap = capacity
    return evicted
  }

  /** Empties the ring; returns how many trades it held. */
  clear(): number {
    const n = this.count
    this.items = []
    this.start = 0
    this.count = 0
    this.ids.clear()
    return n
  }
}
