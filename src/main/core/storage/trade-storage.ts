import { randomBytes } from 'node:crypto'
import type { ErrorInfo, RawFrameStats, StorageMemory, StorageStats, SymbolMemory } from '../../../shared/dto'
import { DEFAULT_SETTINGS } from '../../../shared/settings'
import type { Trade } from '../trade'
import { evictOldestAcross } from './budget-eviction'
import { newestAcross } from './newest-query'
import { RawFrameRing, type RawFrame } from './raw-frames'
import { symbolActivityOf, symbolDebugOf, symbolMemoryOf, type SymbolDebug } from './ring-reports'
import { MemoryLedger, SymbolRing, type ChunkSpan, type EvictionCounts } from './symbol-ring'
import type { SymbolActivity } from './symbol-activity'
import type { TradeChunk } from './trade-chunk'
import { TradeSums } from './trade-sums'

/** Told of a stored trade, with the ring chunk and offset that hold it packed (see TradeChunk.copySlot). */
export type StoredSink = (trade: Trade, packed: TradeChunk, slot: number) => void

/** Distinct (category, symbol) rings by default: the memory budget is the bound that matters. */
export const DEFAULT_MAX_SYMBOLS = 10_000
const MB = 1024 * 1024

export interface StorageOptions {
  maxTradesPerSymbol: number
  /** Distinct (category, symbol) rings; trades for more are rejected, counted. */
  maxSymbols?: number
  /** The hot tier's budget in MB (2^20 bytes) for held trades, all symbols together. */
  memoryBudgetMb?: number
  rawFrames?: { maxCount?: number; maxBytes?: number; maxAgeMs?: number }
}

/** `rejected`: a new symbol beyond `maxSymbols`. */
export type StoreOutcome = 'stored' | 'duplicate' | 'rejected'

/**
 * The one in-memory trade store. Exact accounting: every trade offered or reported is
 * received and ends up in exactly one bucket —
 *   received === stored (held now) + evicted + duplicates + rejected + cleared.
 * A store that fails (the injected fault) counts its trade as rejected and as a storage error.
 * Trades are held in columns (see symbol-ring.ts, trade-chunk.ts) and built anew on read; the
 * bytes the columns take stay within the memory budget by evicting the oldest trades across all
 * symbols (`evicted` counts both reasons; `memory` in the stats splits them).
 */
export class TradeStorage {
  readonly id = `storage-${randomBytes(4).toString('hex')}`
  readonly className = 'InMemoryTradeStorage'
  private readonly rings = new Map<string, Map<string, SymbolRing>>()
  private readonly ledger = new MemoryLedger()
  private budgetBytes: number
  private evictedBudget = 0
  /** Per (category, symbol) ever stored: kept when cleanup drops its empty ring. */
  private readonly evictions = new Map<string, EvictionCounts>()
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
  private loadedCount = 0
  private storedSink: StoredSink | null = null
  /** Where `put` wrote the trade it stored last (handed to the sink: the columns are packed already). */
  private lastChunk: TradeChunk | null = null
  private lastSlot = 0

  constructor(opts: StorageOptions) {
    this.maxPerSymbol = opts.maxTradesPerSymbol
    this.maxSymbols = opts.maxSymbols ?? DEFAULT_MAX_SYMBOLS
    this.budgetBytes = (opts.memoryBudgetMb ?? DEFAULT_SETTINGS.memoryBudgetMb) * MB
    this.raw = new RawFrameRing(opts.rawFrames?.maxCount ?? 10_000, opts.rawFrames?.maxBytes ?? 16 * 1024 * 1024)
    this.rawMaxAgeMs = opts.rawFrames?.maxAgeMs ?? 10 * 60_000
  }

  get maxTradesPerSymbol(): number {
    return this.maxPerSymbol
  }

  get totalTrades(): number {
    return this.held
  }

  get memoryBudgetMb(): number {
    return this.budgetBytes / MB
  }

  /** A new memory budget, applied live: the oldest trades across all symbols are evicted to fit. */
  setMemoryBudget(mb: number): void {
    this.budgetBytes = mb * MB
    this.fitBudget(0)
  }

  /**
   * Test hook (checklist "no storage exceptions"): while set, every store throws this error.
   * null restores normal operation.
   */
  injectFault(error: Error | null): void {
    this.fault = error
  }

  /**
   * Told of every trade `store` stores, live and backfilled (the durable tier's write queue); never of
   * a loaded one. It must not throw and must not wait: it runs on the ingest path. null: nobody.
   */
  onStored(sink: StoredSink | null): void {
    this.storedSink = sink
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
    const outcome = this.put(trade)
    if (outcome === 'stored' && this.storedSink !== null)
      this.storedSink(trade, this.lastChunk as TradeChunk, this.lastSlot)
    return outcome
  }

  /**
   * Trades read back from the data dir at start, oldest first: received and stored like any other
   * (so the identity holds and they can be evicted or cleared), counted in `loaded`, and not handed
   * to `onStored` (they are on disk already). Returns how many were stored.
   */
  load(trades: Iterable<Trade>): number {
    let n = 0
    for (const t of trades) {
      this.received++
      this.loadedCount++
      if (this.put(t) === 'stored') n++
    }
    return n
  }

  private put(trade: Trade): StoreOutcome {
    const ring = this.ringFor(trade.category, trade.symbol)
    if (ring === null) {
      this.rejected++
      return 'rejected'
    }
    if (ring.has(trade.tradeId, trade.seq)) {
      this.duplicates++
      return 'duplicate'
    }
    const need = ring.bytesNeeded
    if (this.ledger.bytes + need > this.budgetBytes) this.fitBudget(need)
    const out = ring.push(trade)
    this.lastChunk = ring.newestChunk
    this.lastSlot = ring.newestSlot
    this.evicted += out
    this.held += 1 - out
    // a value kept as a string adds its bytes once written
    if (this.ledger.bytes > this.budgetBytes) this.fitBudget(0)
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
    return symbolActivityOf(this.allRings())
  }

  /** Trades refused before storage (failed validation): received and rejected. */
  reject(n: number): void {
    this.received += n
    this.rejected += n
  }

  /** Keeps a raw frame in the bounded ring; `bytes`, when given, are its UTF-8 (copied, not encoded again). */
  recordFrame(text: string, receivedAt: number, bytes: Uint8Array | null = null): void {
    this.raw.push(text, receivedAt, bytes)
  }

  recentFrames(limit: number): RawFrame[] {
    return this.raw.recent(limit)
  }

  /** Newest first (by exchange time, then receipt). */
  query(limit: number, symbol?: string): Trade[] {
    return newestAcross(this.allRings(), limit, symbol)
  }

  /**
   * Oldest first, symbol by symbol. A snapshot taken at the call (chunk spans: a written slot is
   * never written again), so a slow reader of the CSV export never skips rows that the live ring
   * evicts while it streams; trades are built one at a time as the reader asks.
   */
  *exportTrades(symbol?: string): Generator<Trade> {
    const snapshot: { ring: SymbolRing; spans: ChunkSpan[] }[] = []
    for (const ring of this.allRings()) {
      if (symbol === undefined || ring.symbol === symbol) snapshot.push({ ring, spans: ring.spans() })
    }
    for (const { ring, spans } of snapshot) {
      for (const { chunk, from, to } of spans) for (let i = from; i < to; i++) yield ring.read(chunk, i)
    }
  }

  /** Empties every ring and the raw frames; the trades held are counted as cleared. */
  clear(): number {
    let n = 0
    for (const byCategory of this.rings.values()) {
      for (const ring of byCategory.values()) {
        n += ring.clear()
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
    const evictedBySymbol: Record<string, number> = {}
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
        if (ring.size > 0) {
          const o = ring.oldestTimestamp
          const n = ring.newestTimestamp
          if (oldest === null || o < oldest) oldest = o
          if (newest === null || n > newest) newest = n
        }
      }
    }
    for (const e of this.evictions.values())
      evictedBySymbol[e.symbol] = (evictedBySymbol[e.symbol] ?? 0) + e.cap + e.budget
    const accounting = {
      received: this.received,
      stored: this.held,
      evicted: this.evicted,
      duplicates: this.duplicates,
      rejected: this.rejected,
      cleared: this.cleared,
      balanced: this.received === this.held + this.evicted + this.duplicates + this.rejected + this.cleared,
      loaded: this.loadedCount
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
      accounting,
      evicted_by_symbol: evictedBySymbol,
      memory: this.memory()
    }
  }

  memory(): StorageMemory {
    return {
      budget_bytes: this.budgetBytes,
      used_bytes: this.ledger.bytes,
      allocated_slots: this.ledger.slots,
      bytes_per_trade: this.held > 0 ? Math.round((this.ledger.bytes / this.held) * 10) / 10 : null,
      evicted_by_cap: this.evicted - this.evictedBudget,
      evicted_by_budget: this.evictedBudget
    }
  }

  /** Per ring (keyed as in `symbolDebug`): columns' bytes and slots, evictions by reason. */
  symbolMemory(): Record<string, SymbolMemory> {
    return symbolMemoryOf(this.allRings(), (r) => this.ringKey(r))
  }

  rawFrameStats(): RawFrameStats {
    return this.raw.stats()
  }

  symbolDebug(): Record<string, SymbolDebug> {
    return symbolDebugOf(this.allRings(), (r) => this.ringKey(r))
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

  private ringKey(ring: SymbolRing): string {
    return this.rings.size > 1 ? `${ring.category}:${ring.symbol}` : ring.symbol
  }

  private *allRings(): Generator<SymbolRing> {
    for (const byCategory of this.rings.values()) yield* byCategory.values()
  }

  /** Evicts the oldest trades across all symbols until `extra` more bytes fit the budget. */
  private fitBudget(extra: number): void {
    const n = evictOldestAcross(this.allRings(), () => this.ledger.bytes + extra > this.budgetBytes)
    this.evictedBudget += n
    this.evicted += n
    this.held -= n
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
      const key = `${category}\u0000${symbol}`
      let evictions = this.evictions.get(key)
      if (evictions === undefined) this.evictions.set(key, (evictions = { category, symbol, cap: 0, budget: 0 }))
      ring = new SymbolRing(category, symbol, this.maxPerSymbol, this.ledger, evictions)
      byCategory.set(symbol, ring)
      this.ringCount++
    }
    return ring
  }
}
