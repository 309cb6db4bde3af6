// The bounded queue between ingest and the disk. A queued trade is packed at once into the columns
// of the newest segment, the same typed columns a ring holds (storage/trade-chunk.ts), plus the id
// of its symbol: nothing of the Trade object is kept, so ingest's objects die young, and a segment
// goes to DuckDB as column copies, not a call per value. A full queue refuses (the caller counts
// the trade as not persisted). The writer takes whole segments as a batch, writes it, and only then
// drops it, so a failed write keeps its trades queued for the retry.

import { TradeChunk, TradeEncoder } from '../storage/trade-chunk'
import type { Trade } from '../trade'

/** Trades per segment: DuckDB's vector size, so one segment is one data chunk. */
export const SEGMENT_ROWS = 2048
/** Emptied segments kept for reuse. */
const SPARE_SEGMENTS = 16

export class Segment {
  readonly chunk = new TradeChunk(SEGMENT_ROWS)
  /** Per row: the symbol's id in the queue's symbol table. */
  readonly symbols = new Uint32Array(SEGMENT_ROWS)
  /** Per row, set by the writer for each batch: 1 when an earlier trade of the batch is the same (batch-copies.ts). */
  readonly copies = new Uint8Array(SEGMENT_ROWS)
  count = 0
  lo = Number.POSITIVE_INFINITY
  hi = Number.NEGATIVE_INFINITY
}

export interface QueuedSymbol {
  id: number
  category: string
  symbol: string
}

/** Queued trades the writer took: whole segments, how many trades, their exchange-time range. */
export interface SegmentBatch {
  readonly segments: readonly Segment[]
  readonly count: number
  readonly lo: number
  readonly hi: number
}

const encoder = new TradeEncoder()

export class WriteQueue {
  private readonly segments: Segment[] = []
  private readonly spare: Segment[] = []
  /** Segments from the head the writer took: no trade is added to them any more. */
  private sealed = 0
  private size = 0
  /** Trades gone from the head (written, given up or cleared): the queue position of the oldest queued. */
  private droppedTotal = 0
  private readonly symbolTable: QueuedSymbol[] = []
  private readonly idOf = new Map<string, Map<string, number>>()

  constructor(readonly capacity: number) {}

  get length(): number {
    return this.size
  }

  /** Trades ever queued: the position of the next one. */
  get pushed(): number {
    return this.droppedTotal + this.size
  }

  /** The position of the oldest queued trade (trades ever gone from the head). */
  get head(): number {
    return this.droppedTotal
  }

  /** Every symbol ever queued, by id (ids are dense from 0 and never reused). */
  get symbols(): readonly QueuedSymbol[] {
    return this.symbolTable
  }

  /**
   * Packs and queues the trade (or copies it from `packed` at `slot`, a chunk holding it packed);
   * false (nothing queued) when the queue is full.
   */
  push(t: Trade, packed?: TradeChunk, slot = 0): boolean {
    if (this.size >= this.capacity) return false
    let seg = this.segments.length > this.sealed ? this.segments[this.segments.length - 1] : undefined
    if (!seg || seg.count === SEGMENT_ROWS) {
      seg = this.spare.pop() ?? new Segment()
      this.segments.push(seg)
    }
    const i = seg.count++
    if (packed) seg.chunk.copySlot(i, packed, slot)
    else seg.chunk.write(i, t, encoder.read(t))
    seg.symbols[i] = this.symbolId(t.category, t.symbol)
    if (t.timestamp < seg.lo) seg.lo = t.timestamp
    if (t.timestamp > seg.hi) seg.hi = t.timestamp
    this.size++
    return true
  }

  private symbolId(category: string, symbol: string): number {
    let bySymbol = this.idOf.get(category)
    if (!bySymbol) this.idOf.set(category, (bySymbol = new Map()))
    let id = bySymbol.get(symbol)
    if (id === undefined) {
      id = this.symbolTable.length
      this.symbolTable.push({ id, category, symbol })
      bySymbol.set(symbol, id)
    }
    return id
  }

  /**
   * The oldest queued trades as whole segments, at least one and no more than `maxTrades` (unless
   * one segment holds more); null when empty. They stay queued until `drop`.
   */
  take(maxTrades: number): SegmentBatch | null {
    if (this.size === 0) return null
    const taken: Segment[] = []
    let count = 0
    let lo = Number.POSITIVE_INFINITY
    let hi = Number.NEGATIVE_INFINITY
    for (const seg of this.segments) {
      if (taken.length > 0 && count + seg.count > maxTrades) break
      taken.push(seg)
      count += seg.count
      if (seg.lo < lo) lo = seg.lo
      if (seg.hi > hi) hi = seg.hi
    }
    this.sealed = Math.max(this.sealed, taken.length)
    return { segments: taken, count, lo, hi }
  }

  /** Drops a batch from the head (after it was written or given up). */
  drop(batch: SegmentBatch): void {
    const gone = this.segments.splice(0, batch.segments.length)
    this.sealed = Math.max(0, this.sealed - gone.length)
    this.size -= batch.count
    this.droppedTotal += batch.count
    for (const seg of gone) this.recycle(seg)
  }

  /** Drops everything queued (at close: the caller counts it). */
  clear(): void {
    for (const seg of this.segments.splice(0)) this.recycle(seg)
    this.sealed = 0
    this.droppedTotal += this.size
    this.size = 0
  }

  private recycle(seg: Segment): void {
    if (this.spare.length >= SPARE_SEGMENTS) return
    seg.count = 0
    seg.lo = Number.POSITIVE_INFINITY
    seg.hi = Number.NEGATIVE_INFINITY
    seg.chunk.odd = null
    seg.chunk.oddBytes = 0
    this.spare.push(seg)
  }

  /** The oldest queued trade's local receive time, or null when empty. */
  oldestReceivedAt(): number | null {
    const head = this.segments[0]
    return this.size === 0 || !head ? null : head.chunk.receivedAt(0)
  }

  /** Per `category:symbol`: queued count and oldest receive time. */
  pendingBySymbol(): Map<string, { count: number; oldest: number }> {
    const out = new Map<string, { count: number; oldest: number }>()
    for (const seg of this.segments) {
      for (let i = 0; i < seg.count; i++) {
        const s = this.symbolTable[seg.symbols[i]]
        const key = `${s.category}:${s.symbol}`
        const received = seg.chunk.receivedAt(i)
        const p = out.get(key)
        if (p) {
          p.count++
          if (received < p.oldest) p.oldest = received
        } else out.set(key, { count: 1, oldest: received })
      }
    }
    return out
  }
}

/** Per symbol of a batch, its oldest trade's exchange time: where trades given up begin. */
export function lostFrom(
  batch: SegmentBatch,
  symbols: readonly QueuedSymbol[]
): { category: string; symbol: string; from: number }[] {
  const oldest = new Map<number, number>()
  for (const seg of batch.segments) {
    for (let i = 0; i < seg.count; i++) {
      const id = seg.symbols[i]
      const t = seg.chunk.timestamp(i)
      if (t < (oldest.get(id) ?? Number.POSITIVE_INFINITY)) oldest.set(id, t)
    }
  }
  return [...oldest].map(([id, from]) => ({ category: symbols[id].category, symbol: symbols[id].symbol, from }))
}
