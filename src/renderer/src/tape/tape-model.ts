// The trade tape's data, outside React: every received trade in a bounded ring, and the rows the
// tape shows (filtered, optionally grouped, with gap markers where the feed had a hole) in a second
// ring. The painter reads it once per frame; `version` tells it whether anything changed.

import type { Category, GapRecord, Side, TradeDto } from '../../../shared/dto'
import { addDecimals, multiplyDecimals } from '../lib/decimal'
import { Ring } from './ring'
import { TapeQueue } from './tape-queue'

export const TAPE_CAPACITY = 20_000
/**
 * Most trades turned into rows per animation frame. A screen shows about 40 rows; at 60 frames a
 * second this paints up to 15,000 trades/s one by one, and beyond that the older trades of a frame
 * are counted as not painted (they stay in the kept trades, for a filter or a resume to show).
 */
export const ROWS_PER_FRAME = 250
/** Hard cap of new rows in one frame, however long the frame before it took. */
export const MAX_ROWS_PER_FRAME = 1000
const VSYNC_MS = 1000 / 60

/**
 * New rows a frame may add after `elapsedMs` since the last one: ROWS_PER_FRAME per 60 Hz frame's
 * worth, so a slow machine's longer frames do not drop what a fast one paints, at most MAX_ROWS_PER_FRAME.
 */
export function frameRowBudget(elapsedMs: number): number {
  const scaled = Math.round((elapsedMs / VSYNC_MS) * ROWS_PER_FRAME)
  return Math.min(MAX_ROWS_PER_FRAME, Math.max(ROWS_PER_FRAME, scaled))
}

/** One line of the tape: a trade (or a group of them), or a marker where the feed had a gap. */
export interface TapeTradeRow {
  kind: 'trade'
  key: number
  symbol: string
  category: Category
  side: Side
  /** Exact decimal string; for a group, the last trade's price. */
  price: string
  /** Exact decimal string; for a group, the exact sum. */
  size: string
  /** Exact decimal string (price × size); for a group, the exact sum. */
  notional: string
  timestamp: number
  tradeId: string
  /** Trades in this row: > 1 when same-millisecond same-side trades are grouped. */
  count: number
  backfilled: boolean
  sizes: string[] | null
}
/** Where a collector lost its stream for a symbol; updated in place as the gap closes and is backfilled. */
export interface TapeGapRow {
  kind: 'gap'
  key: number
  symbol: string
  gap: GapRecord
  /** Bumped when `gap` changes, so the painter rewrites the row. */
  revision: number
}
export type TapeRow = TapeTradeRow | TapeGapRow

/** Gap markers kept for the tape (the list view shows every gap the engine keeps). */
export const MAX_GAP_MARKERS = 200

function sameGap(a: GapRecord, b: GapRecord): boolean {
  return (
    a.to === b.to &&
    a.backfill === b.backfill &&
    a.recovered === b.recovered &&
    a.unrecovered === b.unrecovered &&
    a.detail === b.detail
  )
}

export interface TapeFilter {
  /** null: every symbol. */
  symbol: string | null
  /** Minimum trade size (quantity); 0: no minimum. */
  minSize: number
  /** Merge consecutive trades of one symbol with the same side and the same millisecond. */
  grouping: boolean
}

export const DEFAULT_TAPE_FILTER: TapeFilter = { symbol: null, minSize: 0, grouping: false }

/**
 * Quote-currency value as an exact decimal string (price × size, no float); inverse contracts are
 * quoted in USD per contract, so their size is the notional.
 */
export function notionalOf(t: Pick<TradeDto, 'price' | 'quantity' | 'category'>): string {
  return t.category === 'inverse' ? t.quantity : multiplyDecimals(t.price, t.quantity)
}

function decimalsOf(s: string): number {
  const dot = s.indexOf('.')
  return dot < 0 ? 0 : s.length - dot - 1
}

export class TapeModel {
  readonly trades: Ring<TradeDto>
  readonly rows: Ring<TapeRow>
  private filter: TapeFilter = DEFAULT_TAPE_FILTER
  private paused = false
  private nextKey = 1
  /** Bumped on every change the painter must show. */
  version = 0
  /** Bumped when the rows are rebuilt from scratch (filter change, resume): scroll anchoring resets. */
  epoch = 0
  /** Matching trades that arrived while paused. */
  pendingNew = 0
  received = 0
  /** Matching trades that never got a row of their own: more arrived in one frame than it paints. */
  notPainted = 0
  private readonly queue: TapeQueue
  private drainScheduled = false
  /** performance.now() of the last drain, for the next frame's row budget. */
  private lastDrainAt = 0
  /** Of the queue's overflowed trades, those already counted as received and not painted. */
  private overflowCounted = 0
  /** Widest fractional part seen, so the tape can align decimal points. */
  priceDecimals = 0
  sizeDecimals = 0
  readonly symbolsSeen = new Set<string>()
  private readonly symbolListeners = new Set<() => void>()
  /** Gap markers by gap id, in the order the engine opened them. */
  private readonly gapRows = new Map<number, TapeGapRow>()
  /** When (performance.now()) the newest batch arrived, and the newest row key it produced. */
  lastBatchAt = 0
  lastBatchTopKey = 0

  constructor(capacity = TAPE_CAPACITY) {
    this.trades = new Ring(capacity)
    this.rows = new Ring(capacity)
    this.queue = new TapeQueue(capacity)
  }

  /**
   * A batch as it arrives (performance.now() of receipt): queued, and turned into rows at the next
   * animation frame together with whatever else arrives before it, at most ROWS_PER_FRAME rows.
   */
  enqueue(batch: readonly TradeDto[], receivedAt = 0): void {
    if (batch.length === 0) return
    this.queue.push(batch, receivedAt)
    if (this.drainScheduled) return
    this.drainScheduled = true
    const run = (): void => {
      this.drainScheduled = false
      this.drainFrame(performance.now())
    }
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(run)
    else setTimeout(run, 16)
  }

  /** Trades waiting for the next frame. */
  get queued(): number {
    return this.queue.size
  }

  /** A frame's drain at `now` (performance.now()): its row budget follows the time since the last one. */
  drainFrame(now: number): void {
    const elapsed = this.lastDrainAt > 0 ? now - this.lastDrainAt : VSYNC_MS
    this.lastDrainAt = now
    this.drain(frameRowBudget(elapsed))
  }

  /** Turns the queued trades into rows now (once per frame, the painter first; also before any change of view). */
  drain(rowBudget = ROWS_PER_FRAME): void {
    const next = this.queue.take()
    const lost = this.queue.overflowed - this.overflowCounted
    this.overflowCounted = this.queue.overflowed
    if (lost > 0) {
      this.received += lost
      this.notPainted += lost
      this.version++
    }
    if (next) this.push(next.trades, next.receivedAt, rowBudget)
  }

  get isPaused(): boolean {
    return this.paused
  }

  get currentFilter(): TapeFilter {
    return this.filter
  }

  /** Newest row's key: how many rows were added since a given key, within one epoch. */
  get newestKey(): number {
    return this.rows.newest()?.key ?? 0
  }

  /**
   * A batch in arrival order (oldest first); `receivedAt` (performance.now()) feeds receipt→painted.
   * Every trade is kept; only the newest `rowBudget` matching ones become rows, the older are
   * counted in `notPainted`.
   */
  push(batch: readonly TradeDto[], receivedAt = 0, rowBudget = Infinity): void {
    if (batch.length === 0) return
    let newSymbol = false
    // The gap event can overtake the last trades received before the drop: those belong under the marker.
    let beforeTopGap = false
    const firstRow = this.paused ? 0 : this.firstWithinBudget(batch, rowBudget)
    for (let i = 0; i < batch.length; i++) {
      const t = batch[i]
      this.trades.push(t)
      this.received++
      const pd = decimalsOf(t.price)
      if (pd > this.priceDecimals) this.priceDecimals = pd
      const sd = decimalsOf(t.quantity)
      if (sd > this.sizeDecimals) this.sizeDecimals = sd
      if (!this.symbolsSeen.has(t.symbol)) {
        this.symbolsSeen.add(t.symbol)
        newSymbol = true
      }
      if (!this.matches(t)) continue
      if (this.paused) this.pendingNew++
      else if (i < firstRow) this.notPainted++
      else if (this.belongsUnderTopGap(t)) beforeTopGap = true
      else this.append(t)
    }
    if (beforeTopGap) this.rebuild()
    this.version++ // new rows, or a new count on the "N new" badge
    if (!this.paused) {
      this.lastBatchAt = receivedAt
      this.lastBatchTopKey = this.newestKey
    }
    if (newSymbol) for (const l of this.symbolListeners) l()
  }

  /** Index of the oldest trade of `batch` that still gets a row: the newest `budget` matching ones do. */
  private firstWithinBudget(batch: readonly TradeDto[], budget: number): number {
    if (batch.length <= budget) return 0
    let matching = 0
    for (let i = batch.length - 1; i >= 0; i--) {
      if (this.matches(batch[i]) && ++matching === budget) return i
    }
    return 0
  }

  /**
   * The engine's gaps (any order): a new one becomes a marker row where the feed stopped, a known
   * one is updated in place (closed, backfilled). Cheap when nothing changed.
   */
  applyGaps(gaps: readonly GapRecord[]): void {
    this.drain()
    let placeByTime = false
    let changed = false
    for (const g of [...gaps].sort((a, b) => a.id - b.id)) {
      const known = this.gapRows.get(g.id)
      if (known) {
        if (sameGap(known.gap, g)) continue
        known.gap = { ...g }
        known.revision++
        changed = true
        continue
      }
      const row: TapeGapRow = { kind: 'gap', key: 0, symbol: g.symbol, gap: { ...g }, revision: 0 }
      this.gapRows.set(g.id, row)
      if (this.gapRows.size > MAX_GAP_MARKERS) this.gapRows.delete(this.gapRows.keys().next().value as number)
      changed = true
      if (this.paused || !this.matchesSymbol(g.symbol)) continue
      // usually learnt while the feed is still down: the marker goes on top; otherwise trades newer
      // than the gap's start are already shown and the rows are rebuilt with the marker in place
      const top = this.trades.newest()
      if (top && top.timestamp > g.from) placeByTime = true
      else this.pushGapRow(row)
    }
    if (placeByTime) this.rebuild()
    else if (changed) this.version++
  }

  private pushGapRow(row: TapeGapRow): void {
    row.key = this.nextKey++
    this.rows.push(row)
  }

  setFilter(filter: TapeFilter): void {
    this.drain()
    if (
      filter.symbol === this.filter.symbol &&
      filter.minSize === this.filter.minSize &&
      filter.grouping === this.filter.grouping
    ) {
      return
    }
    this.filter = { ...filter }
    this.rebuild()
  }

  setPaused(paused: boolean): void {
    if (paused === this.paused) return
    // what arrived before the pause is shown; what arrives after it is only counted
    this.drain()
    this.paused = paused
    if (!paused) this.rebuild()
    else this.version++
  }

  clear(): void {
    this.queue.clear()
    this.trades.clear()
    this.rows.clear()
    this.pendingNew = 0
    this.epoch++
    this.version++
  }

  onSymbolsSeen(listener: () => void): () => void {
    this.symbolListeners.add(listener)
    return () => this.symbolListeners.delete(listener)
  }

  /** A live trade from before the start of the gap whose marker is on top: placed by time, not on top. */
  private belongsUnderTopGap(t: TradeDto): boolean {
    const top = this.rows.newest()
    return top?.kind === 'gap' && top.symbol === t.symbol && !t.backfilled && t.timestamp <= top.gap.from
  }

  private matchesSymbol(symbol: string): boolean {
    return this.filter.symbol === null || symbol === this.filter.symbol
  }

  matches(t: TradeDto): boolean {
    if (this.filter.symbol !== null && t.symbol !== this.filter.symbol) return false
    if (this.filter.minSize > 0 && !(Number(t.quantity) >= this.filter.minSize)) return false
    return true
  }

  /** Rows from the kept trades, each gap marker placed before the first live trade after its start. */
  private rebuild(): void {
    this.rows.clear()
    this.pendingNew = 0
    const markers = [...this.gapRows.values()]
      .filter((r) => this.matchesSymbol(r.symbol))
      .sort((a, b) => a.gap.from - b.gap.from || a.gap.id - b.gap.id)
    let m = 0
    for (const t of this.trades.chronological()) {
      while (m < markers.length && !t.backfilled && t.timestamp > markers[m].gap.from) this.pushGapRow(markers[m++])
      if (this.matches(t)) this.append(t)
    }
    while (m < markers.length) this.pushGapRow(markers[m++])
    this.epoch++
    this.version++
  }

  private append(t: TradeDto): void {
    const top = this.rows.newest()
    if (
      this.filter.grouping &&
      top &&
      top.kind === 'trade' &&
      top.symbol === t.symbol &&
      top.side === t.side &&
      top.timestamp === t.timestamp &&
      top.category === t.category
    ) {
      top.sizes ??= [top.size]
      top.sizes.push(t.quantity)
      top.size = addDecimals(top.sizes)
      top.notional = addDecimals([top.notional, notionalOf(t)])
      top.price = t.price
      top.count++
      top.tradeId = t.trade_id
      return
    }
    this.rows.push({
      kind: 'trade',
      key: this.nextKey++,
      symbol: t.symbol,
      category: t.category,
      side: t.side,
      price: t.price,
      size: t.quantity,
      notional: notionalOf(t),
      timestamp: t.timestamp,
      tradeId: t.trade_id,
      count: 1,
      backfilled: t.backfilled === true,
      sizes: null
    })
  }
}
