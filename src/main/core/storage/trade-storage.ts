import { randomBytes } from 'node:crypto'
import type { ErrorInfo, RawFrameStats, StorageStats } from '../../../shared/dto'
import type { Trade } from '../trade'
import { RawFrameRing, type RawFrame } from './raw-frames'
import { SymbolRing } from './symbol-ring'
import { TradeSums } from './trade-sums'

export interface StorageOptions {
  maxTradesPerSymbol: number
  /** Distinct (category, symbol) rings; trades for more are rejected, counted. */
  maxSymbols?: number
  rawFrames?: { maxCount?: number; maxBytes?: number; maxAgeMs?: number }
}

/** `rejected`: a new symbol beyond `maxSymbols`. */
export type StoreOutcome = 'stored' | 'duplicate' | 'rejected'

export interface SymbolDebug {
  stored: number
  capacity: number
  dedupe_index: number
}

/** One ring's activity, for the per-symbol overview (`/collectors/symbols`). */
export interface SymbolActivity {
  category: string
  symbol: string
  held: number
  /** Ever stored / evicted in this ring (since it was created). */
  storedTotal: number
  evictedTotal: number
  newest: Trade | undefined
}

/**
 * The one in-memory trade store. Exact accounting: every trade offered or reported is
 * received and ends up in exactly one bucket —
 *   received === stored (held now) + evicted + duplicates + rejected + cleared.
 * A store that fails (the injected fault) counts its trade as rejected and as a storage error.
 */
export class TradeStorage {
  readonly id = `storage-${randomBytes(4).toString('hex')}`
  readonly className = 'InMemoryTradeStorage'
  private readonly rings = new Map<string, Map<string, SymbolRing>>()
  private readonly raw: RawFrameRing
  private readonly rawMaxAgeMs: number
  private maxPerSymbol: number
  readonly maxSymbols: number
  private ringCount = 0
  private held = 0
  private received = 0
  private evicted = 0
  private duplicates = 0
  private rejected = 0
  private cleared = 0
  private storageErrors = 0
  private lastStorageError: ErrorInfo | null = null
  private lastCleanupAt: number | null = null
  private fault: Error | null = null

  constructor(opts: StorageOptions) {
    this.maxPerSymbol = opts.maxTradesPerSymbol
    this.maxSymbols = opts.maxSymbols ?? 150
    this.raw = new RawFrameRing(opts.rawFrames?.maxCount ?? 10_000, opts.rawFrames?.maxBytes ?? 16 * 1024 * 1024)
    this.rawMaxAgeMs = opts.rawFrames?.maxAgeMs ?? 10 * 60_000
  }

  get maxTradesPerSymbol(): number {
    return this.maxPerSymbol
  }

  get totalTrades(): number {
    return this.held
  }

  /**
   * Test hook (checklist "no storage exceptions"): while set, every store throws this error.
   * null restores normal operation.
   */
  injectFault(error: Error | null): void {
    this.fault = error
  }

  /** Stores one trade, or drops it as a duplicate of one held. Throws while a fault is injected. */
  store(trade: Trade): StoreOutcome {
    this.received++
    if (this.fault !== null) {
      this.rejected++
      this.storageErrors++
      this.lastStorageError = { code: 'storage_fault', message: this.fault.message, at: Date.now() }
      throw this.fault
    }
    const ring = this.ringFor(trade.category, trade.symbol)
    if (ring === null) {
      this.rejected++
      return 'rejected'
    }
    if (ring.has(trade.tradeId, trade.seq)) {
      this.duplicates++
      return 'duplicate'
    }
    const oldest = ring.size === ring.capacity ? ring.oldest() : undefined
    const out = ring.push(trade)
    if (out > 0 && oldest !== undefined) ring.sums.evicted(oldest)
    ring.sums.stored(trade)
    this.evicted += out
    this.held += 1 - out
    return 'stored'
  }

  /** True when a trade with this id is held now (backfill de-dups against storage before offering). */
  holds(category: string, symbol: string, tradeId: string): boolean {
    return this.rings.get(category)?.get(symbol)?.has(tradeId) ?? false
  }

  /** Trades held now for one (category, symbol). */
  symbolCount(category: string, symbol: string): number {
    return this.rings.get(category)?.get(symbol)?.size ?? 0
  }

  /** Trades held now for every (category, symbol) that has a ring. */
  symbolCounts(): { category: string; symbol: string; count: number }[] {
    const out: { category: string; symbol: string; count: number }[] = []
    for (const [category, byCategory] of this.rings) {
      for (const ring of byCategory.values()) out.push({ category, symbol: ring.symbol, count: ring.size })
    }
    return out
  }

  /** Every ring's counters and newest trade: no per-trade work, one pass over the rings. */
  symbolActivity(): SymbolActivity[] {
    const out: SymbolActivity[] = []
    for (const [category, byCategory] of this.rings) {
      for (const ring of byCategory.values()) {
        const { storedTotal, evictedTotal } = ring.sums
        out.push({ category, symbol: ring.symbol, held: ring.size, storedTotal, evictedTotal, newest: ring.newest() })
      }
    }
    return out
  }

  /** Trades refused before storage (failed validation): received and rejected. */
  reject(n: number): void {
    this.received += n
    this.rejected += n
  }

  recordFrame(text: string, receivedAt: number): void {
    this.raw.push(text, receivedAt)
  }

  recentFrames(limit: number): RawFrame[] {
    return this.raw.recent(limit)
  }

  /** Newest first (by exchange time, then receipt). */
  query(limit: number, symbol?: string): Trade[] {
    const picked: Trade[] = []
    for (const byCategory of this.rings.values()) {
      for (const ring of byCategory.values()) {
        if (symbol !== undefined && ring.symbol !== symbol) continue
        for (const t of ring.newestFirst(limit)) picked.push(t)
      }
    }
    picked.sort((a, b) => b.timestamp - a.timestamp || b.receivedAt - a.receivedAt)
    return picked.length > limit ? picked.slice(0, limit) : picked
  }

  /** Oldest first, symbol by symbol. */
  /**
   * A snapshot taken at the call (references only), so a slow reader of the CSV export
   * never skips rows that the live ring evicts while it streams.
   */
  *exportTrades(symbol?: string): Generator<Trade> {
    const snapshot: Trade[][] = []
    for (const byCategory of this.rings.values()) {
      for (const ring of byCategory.values()) {
        if (symbol === undefined || ring.symbol === symbol) snapshot.push([...ring.oldestFirst()])
      }
    }
    for (const trades of snapshot) yield* trades
  }

  /** Empties every ring and the raw frames; the trades held are counted as cleared. */
  clear(): number {
    let n = 0
    for (const byCategory of this.rings.values()) {
      for (const ring of byCategory.values()) {
        n += ring.clear()
        ring.sums.clear()
      }
    }
    this.cleared += n
    this.held = 0
    this.raw.clear()
    return n
  }

  /** New per-symbol limit, applied live; trades that no longer fit are evicted (counted). */
  resize(maxTradesPerSymbol: number): void {
    this.maxPerSymbol = maxTradesPerSymbol
    for (const byCategory of this.rings.values()) {
      for (const ring of byCategory.values()) {
        for (let i = 0; i < ring.size - maxTradesPerSymbol; i++) ring.sums.evicted(ring.at(i))
        const out = ring.resize(maxTradesPerSymbol)
        this.evicted += out
        this.held -= out
      }
    }
  }

  /** Periodic housekeeping: drops empty rings and raw frames past their age. */
  cleanup(now: number): { rawDropped: number; ringsDropped: number } {
    let ringsDropped = 0
    for (const [category, byCategory] of this.rings) {
      for (const [symbol, ring] of byCategory) {
        if (ring.size === 0) {
          byCategory.delete(symbol)
          ringsDropped++
        }
      }
      if (byCategory.size === 0) this.rings.delete(category)
    }
    this.ringCount -= ringsDropped
    const rawDropped = this.raw.dropOlderThan(now - this.rawMaxAgeMs)
    this.lastCleanupAt = now
    return { rawDropped, ringsDropped }
  }

  /** `now` (epoch ms) places the last-minute window. */
  stats(now = Date.now()): StorageStats {
    const bySymbol: Record<string, number> = {}
    const sums = new Map<string, { held: TradeSums; lastMinute: TradeSums }>()
    let oldest: number | null = null
    let newest: number | null = null
    for (const byCategory of this.rings.values()) {
      for (const ring of byCategory.values()) {
        bySymbol[ring.symbol] = (bySymbol[ring.symbol] ?? 0) + ring.size
        let s = sums.get(ring.symbol)
        if (s === undefined) sums.set(ring.symbol, (s = { held: new TradeSums(), lastMinute: new TradeSums() }))
        s.held.merge(ring.sums.held)
        ring.sums.lastMinute.sums(now, s.lastMinute)
        const o = ring.oldest()
        const n = ring.newest()
        if (o && (oldest === null || o.timestamp < oldest)) oldest = o.timestamp
        if (n && (newest === null || n.timestamp > newest)) newest = n.timestamp
      }
    }
    const accounting = {
      received: this.received,
      stored: this.held,
      evicted: this.evicted,
      duplicates: this.duplicates,
      rejected: this.rejected,
      cleared: this.cleared,
      balanced: this.received === this.held + this.evicted + this.duplicates + this.rejected + this.cleared
    }
    return {
      total_trades: this.held,
      trades_by_symbol: bySymbol,
      sums_by_symbol: Object.fromEntries(
        [...sums].map(([symbol, s]) => [symbol, { ...s.held.toDto(), last_minute: s.lastMinute.toDto() }])
      ),
      max_trades_per_symbol: this.maxPerSymbol,
      max_symbols: this.maxSymbols,
      evicted: this.evicted,
      duplicates_dropped: this.duplicates,
      rejected: this.rejected,
      cleared: this.cleared,
      raw_frames: this.raw.stats(),
      oldest_timestamp: oldest,
      newest_timestamp: newest,
      accounting
    }
  }

  rawFrameStats(): RawFrameStats {
    return this.raw.stats()
  }

  symbolDebug(): Record<string, SymbolDebug> {
    const out: Record<string, SymbolDebug> = {}
    for (const [category, byCategory] of this.rings) {
      for (const ring of byCategory.values()) {
        out[this.rings.size > 1 ? `${category}:${ring.symbol}` : ring.symbol] = {
          stored: ring.size,
          capacity: ring.capacity,
          dedupe_index: ring.dedupeIndexSize
        }
      }
    }
    return out
  }

  /** Per-symbol fill ratio (held / capacity), for `mdm_storage_fill_ratio`. */
  fillRatios(): Record<string, number> {
    const out: Record<string, number> = {}
    for (const [key, d] of Object.entries(this.symbolDebug())) out[key] = d.capacity > 0 ? d.stored / d.capacity : 0
    return out
  }

  get lastCleanup(): number | null {
    return this.lastCleanupAt
  }

  errors(): { count: number; last: ErrorInfo | null } {
    return { count: this.storageErrors, last: this.lastStorageError }
  }

  private ringFor(category: string, symbol: string): SymbolRing | null {
    let byCategory = this.rings.get(category)
    if (byCategory === undefined) {
      byCategory = new Map()
      this.rings.set(category, byCategory)
    }
    let ring = byCategory.get(symbol)
    if (ring === undefined) {
      if (this.ringCount >= this.maxSymbols) return null
      ring = new SymbolRing(category, symbol, this.maxPerSymbol)
      byCategory.set(symbol, ring)
      this.ringCount++
    }
    return ring
  }
}
