import { SeqGroup } from './seq-group'
import type { Trade } from '../trade'
import { SymbolSums } from './symbol-sums'
import { TradeAmounts } from './trade-amounts'
import { CHUNK_OVERHEAD_BYTES, SLOT_BYTES, TradeChunk, TradeEncoder } from './trade-chunk'

/** Ids sharing the newest `seq` that are tracked without the full index; past this, the index takes over. */
const MAX_SEQ_GROUP = 2048
/** Slots of a ring's first chunk, and of the largest one: chunks grow with what the ring holds. */
export const MIN_CHUNK = 32
const MAX_CHUNK = 4096

/** What every ring's chunks take together (bytes, slots): the figure the memory budget bounds. */
export class MemoryLedger {
  bytes = 0
  slots = 0
}

/** One parse and one sums buffer for all rings: storage runs on one thread, each call finishes with them. */
const encoder = new TradeEncoder()
const amounts = new TradeAmounts()

function nextPow2(n: number): number {
  let p = 1
  while (p < n) p *= 2
  return p
}

/** Trades a (category, symbol) had evicted, by reason; outlives its ring (cleanup drops empty rings). */
export interface EvictionCounts {
  readonly category: string
  readonly symbol: string
  cap: number
  budget: number
}

/** A run of held trades in one chunk, [from, to): what an export snapshot keeps. */
export interface ChunkSpan {
  chunk: TradeChunk
  from: number
  to: number
}

/**
 * One (category, symbol)'s held trades, oldest first, in columnar chunks (see trade-chunk.ts): a
 * chunk is allocated when the newest is full and dropped when its last trade is evicted, so the
 * memory held follows the trades held. A written slot is never written again, which lets an export
 * keep chunk spans instead of copying trades. At most `capacity` trades are held (older ones are
 * evicted, counted in `evictions.cap`); the storage's memory budget evicts the oldest too
 * (`evictions.budget`).
 *
 * Duplicate detection is ordered by Bybit's `seq` (every trade of one match shares it, and it
 * rises over time): a trade above the highest `seq` held cannot have been seen, one equal to it is
 * checked against the small group of ids at that `seq`, and only older or seq-less trades (resends
 * after a reconnect, REST backfill, old captures) consult the full id index. That index is built
 * on first need from the ring and dropped again after a long in-order run: a 100k-entry Set
 * updated on every trade cost a quarter of the ingest time.
 */
export class SymbolRing {
  private chunks: TradeChunk[] = []
  /** Offset of the oldest trade in chunks[0]. */
  private head = 0
  /** Slots written in the newest chunk. */
  private fill = 0
  private count = 0
  private slots = 0
  private index: Set<string> | null = null
  private inOrderSinceIndexUse = 0
  private maxSeq = -Infinity
  private readonly seqGroup = new SeqGroup()
  /** Exact volume and notional of the trades held. */
  readonly sums = new SymbolSums()

  constructor(
    readonly category: string,
    readonly symbol: string,
    private cap: number,
    private readonly ledger: MemoryLedger,
    readonly evictions: EvictionCounts = { category, symbol, cap: 0, budget: 0 }
  ) {}

  get size(): number {
    return this.count
  }

  get capacity(): number {
    return this.cap
  }

  /** Slots allocated (held or free in the newest chunk, or already evicted from the oldest). */
  get allocatedSlots(): number {
    return this.slots
  }

  get bytes(): number {
    let b = 0
    for (const c of this.chunks) b += c.bytes
    return b
  }

  /** Ids the duplicate check holds in memory now (the full index when built, else the newest seq group). */
  get dedupeIndexSize(): number {
    return this.index !== null ? this.index.size : this.seqGroup.size
  }

  /** Bytes the next push allocates (a new chunk), 0 when the newest chunk has room. */
  get bytesNeeded(): number {
    const last = this.chunks.length - 1
    return last >= 0 && this.fill < this.chunks[last].size
      ? 0
      : this.nextChunkSize() * SLOT_BYTES + CHUNK_OVERHEAD_BYTES
  }

  /** The chunk and offset of the trade pushed last (read right after `push`). */
  get newestChunk(): TradeChunk {
    return this.chunks[this.chunks.length - 1]
  }

  get newestSlot(): number {
    return this.fill - 1
  }

  /** Local receipt time of the oldest trade held (+Infinity when empty): the budget's order. */
  get oldestReceivedAt(): number {
    return this.count > 0 ? this.chunks[0].receivedAt(this.head) : Infinity
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

  /** Appends a trade (adding it to the sums); returns how many old trades the cap evicted (0 or 1). */
  push(trade: Trade): number {
    this.track(trade)
    let out = 0
    if (this.count >= this.cap) {
      this.dropOldest()
      this.evictions.cap++
      out = 1
    }
    let last = this.chunks.length - 1
    if (last < 0 || this.fill === this.chunks[last].size) {
      this.allocate()
      last++
    }
    const chunk = this.chunks[last]
    const odd = chunk.oddBytes
    encoder.read(trade)
    chunk.write(this.fill, trade, encoder)
    if (chunk.oddBytes !== odd) this.ledger.bytes += chunk.oddBytes - odd
    this.fill++
    this.count++
    const buy = trade.side === 'BUY'
    if (encoder.priceScale >= 0 && encoder.sizeScale >= 0)
      amounts.fromUnits(buy, encoder.priceUnits, encoder.priceScale, encoder.sizeUnits, encoder.sizeScale)
    else amounts.fromText(buy, trade.priceText, trade.quantityText)
    this.sums.stored(amounts, trade.receivedAt)
    return out
  }

  /** Evicts the oldest trade for the memory budget. */
  evictForBudget(): void {
    this.dropOldest()
    this.evictions.budget++
  }

  /** Takes the oldest trade out: sums, id index, and its chunk once that is empty. */
  private dropOldest(): void {
    const chunk = this.chunks[0]
    const i = this.head
    if (chunk.amountsOdd(i)) amounts.fromText(chunk.isBuy(i), chunk.priceText(i), chunk.sizeText(i))
    else
      amounts.fromUnits(
        chunk.isBuy(i),
        chunk.priceUnits(i),
        chunk.priceScale(i),
        chunk.sizeUnits(i),
        chunk.sizeScale(i)
      )
    this.sums.evicted(amounts)
    this.index?.delete(chunk.tradeId(i))
    this.count--
    this.head++
    if (this.count === 0) this.release()
    else if (this.head === chunk.size) {
      this.chunks.shift()
      this.free(chunk)
      this.head = 0
    }
  }

  private nextChunkSize(): number {
    return Math.min(MAX_CHUNK, nextPow2(this.cap), Math.max(MIN_CHUNK, nextPow2(this.count >> 3)))
  }

  private allocate(): void {
    const chunk = new TradeChunk(this.nextChunkSize())
    this.chunks.push(chunk)
    this.fill = 0
    this.slots += chunk.size
    this.ledger.slots += chunk.size
    this.ledger.bytes += chunk.bytes
  }

  private free(chunk: TradeChunk): void {
    this.slots -= chunk.size
    this.ledger.slots -= chunk.size
    this.ledger.bytes -= chunk.bytes
  }

  /** Drops every chunk (the ring is empty). */
  private release(): void {
    for (const c of this.chunks) this.free(c)
    this.chunks = []
    this.head = 0
    this.fill = 0
    this.count = 0
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
      for (const { chunk, from, to } of this.spans()) for (let i = from; i < to; i++) this.index.add(chunk.tradeId(i))
    }
    return this.index
  }

  /** The held trades as chunk spans, oldest first (a snapshot: later pushes and evictions leave it valid). */
  spans(): ChunkSpan[] {
    const out: ChunkSpan[] = []
    const last = this.chunks.length - 1
    for (let k = 0; k <= last; k++) {
      const chunk = this.chunks[k]
      const from = k === 0 ? this.head : 0
      const to = k === last ? this.fill : chunk.size
      if (to > from) out.push({ chunk, from, to })
    }
    return out
  }

  /** Visits up to `limit` held trades, newest first, by position (nothing is built). */
  visitNewest(limit: number, visit: (chunk: TradeChunk, i: number) => void): void {
    let left = Math.min(limit, this.count)
    for (let k = this.chunks.length - 1; k >= 0 && left > 0; k--) {
      const chunk = this.chunks[k]
      const from = k === 0 ? this.head : 0
      for (let i = (k === this.chunks.length - 1 ? this.fill : chunk.size) - 1; i >= from && left > 0; i--, left--)
        visit(chunk, i)
    }
  }

  /** The trade at a position, built from the columns. */
  read(chunk: TradeChunk, i: number): Trade {
    return chunk.read(i, this.category, this.symbol)
  }

  /** The newest held by position (the Symbols overview's last price), built from the columns. */
  newest(): Trade | undefined {
    return this.count > 0 ? this.read(this.chunks[this.chunks.length - 1], this.fill - 1) : undefined
  }

  /** Exchange time of the oldest held by position (NaN when empty), without building a trade. */
  get oldestTimestamp(): number {
    return this.count > 0 ? this.chunks[0].timestamp(this.head) : NaN
  }

  /** Exchange time of the newest held by position (NaN when empty). */
  get newestTimestamp(): number {
    return this.count > 0 ? this.chunks[this.chunks.length - 1].timestamp(this.fill - 1) : NaN
  }

  /** Changes the capacity; returns how many of the oldest trades were evicted to fit (counted as cap). */
  resize(capacity: number): number {
    const evicted = Math.max(0, this.count - capacity)
    for (let i = 0; i < evicted; i++) this.dropOldest()
    this.evictions.cap += evicted
    this.cap = capacity
    return evicted
  }

  /** Empties the ring (and its held sums); returns how many trades it held. */
  clear(): number {
    const n = this.count
    this.release()
    this.index = null
    this.seqGroup.clear()
    this.sums.clear()
    return n
  }
}
