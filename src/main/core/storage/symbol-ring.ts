import type { Trade } from '../trade'
import { SymbolSums } from './symbol-sums'

/** Ids sharing the newest `seq` that are tracked without the full index; past this, the index takes over. */
const MAX_SEQ_GROUP = 2048

/**
 * A fixed-capacity ring of one (category, symbol)'s trades, oldest first, with duplicate
 * detection bounded by the ring: memory is bounded by the capacity, whatever the exchange sends.
 *
 * Duplicate detection is ordered by Bybit's `seq` (every trade of one match shares it, and it
 * rises over time): a trade above the highest `seq` held cannot have been seen, one equal to it is
 * checked against the small group of ids at that `seq`, and only older or seq-less trades (resends
 * after a reconnect, REST backfill, old captures) consult the full id index. That index is built
 * on first need from the ring and dropped again after a long in-order run: a 100k-entry Set
 * updated on every trade cost a quarter of the ingest time.
 */
export class SymbolRing {
  private items: (Trade | undefined)[] = []
  private start = 0
  private count = 0
  private index: Set<string> | null = null
  private inOrderSinceIndexUse = 0
  private maxSeq = -Infinity
  private readonly seqGroup = new Set<string>()
  /** Exact volume and notional of the trades held (kept by the storage, which sees every eviction). */
  readonly sums = new SymbolSums()

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

  /** Ids the duplicate check holds in memory now (the full index when built, else the newest seq group). */
  get dedupeIndexSize(): number {
    return this.index !== null ? this.index.size : this.seqGroup.size
  }

  /** True when a trade with this id is held. `seq`, when the exchange sent one, spares the full index. */
  has(tradeId: string, seq?: number): boolean {
    if (seq !== undefined && this.seqGroup.size < MAX_SEQ_GROUP) {
      if (seq > this.maxSeq) return false
      if (seq === this.maxSeq) return this.seqGroup.has(tradeId)
    }
    this.inOrderSinceIndexUse = 0
    return this.fullIndex().has(tradeId)
  }

  /** Appends a trade; returns how many old trades were evicted to make room (0 or 1). */
  push(trade: Trade): number {
    this.track(trade)
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
    this.index?.delete(old.tradeId)
    this.items[this.start] = trade
    this.start = this.start + 1 === this.cap ? 0 : this.start + 1
    return 1
  }

  private track(trade: Trade): void {
    const seq = trade.seq
    if (seq !== undefined && seq >= this.maxSeq) {
      if (seq > this.maxSeq) {
        this.maxSeq = seq
        this.seqGroup.clear()
      }
      if (this.seqGroup.size < MAX_SEQ_GROUP) this.seqGroup.add(trade.tradeId)
    }
    if (this.index === null) return
    this.index.add(trade.tradeId)
    if (++this.inOrderSinceIndexUse > 2 * this.cap) this.index = null
  }

  private fullIndex(): Set<string> {
    if (this.index === null) {
      this.index = new Set<string>()
      for (let i = 0; i < this.count; i++) this.index.add(this.at(i).tradeId)
    }
    return this.index
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
    for (let i = 0; i < evicted; i++) this.index?.delete(kept[i].tradeId)
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
    this.index = null
    this.seqGroup.clear()
    return n
  }
}
