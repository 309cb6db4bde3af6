// The durable tier on DuckDB: `openDurableTier` opens DATA_DIR/trades.duckdb and returns the
// DurableTier the engine enqueues into. Ingest only pushes onto a bounded queue; a timer (every
// 250 ms, or at once when a full batch waits) writes batches on DuckDB's thread. A failing disk
// never throws into the engine: the error is kept with its code, the queue keeps its trades for the
// retry (backoff up to 10 s, the file reopened each time), and what the queue cannot take is counted.

import type { ErrorInfo } from '../../../shared/dto'
import type { HistoryResponse, PersistState, PersistStats, TradeRange } from '../../../shared/dto-durable'
import type { TradeChunk } from '../storage/trade-chunk'
import type { Trade } from '../trade'
import { BatchWriter } from './batch-writer'
import { GapLedger, queryOpenGaps, type GapMark, type OpenGapRow } from './gap-ledger'
import { buildHistory } from './history'
import type { LastPersisted } from './durable-tier'
import { closeDb, dbFile, fileBytes, openDb, type OpenDb } from './open-file'
import { PersistError, persistError } from './persist-errors'
import * as q from './queries'
import { enforceRetentionOn, type RetentionResult } from './retention'
import { lostFrom, WriteQueue, type SegmentBatch } from './write-queue'
import { WriteRate } from './write-rate'
import type { DuckDbDurableTier, DurableOptions } from './tier-options'

export type { DuckDbDurableTier, DurableOptions } from './tier-options'

const RETRY_MIN_MS = 250
const RETRY_MAX_MS = 10_000
/** A batch failing for no disk-level reason is given up (and counted) after this many tries. */
const MAX_TRIES_OF_A_BAD_BATCH = 3

class DuckDbTier implements DuckDbDurableTier {
  readonly file: string
  private db: OpenDb | null
  private writer: BatchWriter | null
  private readonly queue: WriteQueue
  private readonly ledger = new GapLedger()
  private readonly rate = new WriteRate()
  private readonly now: () => number
  private readonly batchMax: number
  private timer: NodeJS.Timeout | null = null
  private kicked = false
  private flushing: Promise<void> | null = null
  private chain: Promise<unknown> = Promise.resolve()
  private closed = false
  private persisted = 0
  private notPersisted = 0
  private duplicates = 0
  private rows = 0
  private oldest: number | null = null
  private newest: number | null = null
  private fileBytes = 0
  private retentionDeleted = 0
  private retentionRunAt: number | null = null
  private lastError: ErrorInfo | null = null
  /** Why the file is not open now (the last open or write failure). */
  private openFailure: PersistError | null = null
  private failing = false
  private queueFullReported = false
  private failures = 0
  private triesOfHead = 0
  private retryAt = 0

  constructor(
    private readonly opts: DurableOptions,
    db: OpenDb | null,
    openError: PersistError | null
  ) {
    this.file = dbFile(opts.dataDir)
    this.db = db
    this.writer = db ? new BatchWriter(db.writer, () => this.queue.symbols) : null
    this.now = opts.now ?? Date.now
    this.batchMax = opts.batchMax ?? 100_000
    this.queue = new WriteQueue(opts.queueCapacity ?? 200_000)
    if (openError) this.fail(openError)
    this.timer = setInterval(() => void this.flush(), opts.flushIntervalMs ?? 250)
    this.timer.unref()
  }

  async loadSummary(): Promise<void> {
    if (!this.db) return
    const t = await q.queryTable(this.db.writer)
    this.rows = t.rows
    this.oldest = t.oldest
    this.newest = t.newest
    this.statFile()
  }

  enqueue(trade: Trade, packed?: TradeChunk, slot?: number): void {
    if (this.closed || !this.queue.push(trade, packed, slot)) {
      this.notPersisted++
      if (!this.closed) this.ledger.lost(trade.category, trade.symbol, trade.timestamp, this.queue.head)
      if (!this.closed && !this.queueFullReported) {
        this.queueFullReported = true
        const msg = `Write queue full (${this.queue.capacity} trades): trades are counted as not persisted until it drains`
        this.lastError = { code: 'persist_queue_full', message: msg, at: this.now() }
        this.opts.log?.warning(msg, 'persist_queue_full')
      }
      return
    }
    if (this.queue.length >= this.batchMax && !this.kicked) {
      this.kicked = true
      setImmediate(() => {
        this.kicked = false
        void this.flush()
      })
    }
  }

  markGap(mark: GapMark): void {
    if (!this.closed) this.ledger.place(mark, this.queue.pushed)
  }

  /** One flush at a time; a second call while one runs waits for it. */
  flush(): Promise<void> {
    this.flushing ??= this.flushQueued().finally(() => (this.flushing = null))
    return this.flushing
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn, fn)
    this.chain = run.catch(() => undefined)
    return run
  }

  private async flushQueued(): Promise<void> {
    while (this.queue.length > 0) {
      if (!this.writer && !(await this.reopen())) return
      const batch = this.queue.take(this.batchMax)
      if (!batch) return
      const start = this.queue.head
      const end = start + batch.count
      try {
        this.opts.beforeWrite?.(batch.count)
        const { writer, db } = this
        if (!writer || !db) return
        const res = await this.serial(async () => {
          await this.ledger.writeBefore(db.writer, start, end, this.now())
          const r = await writer.write(batch)
          await this.ledger.writeAfter(db.writer, end, this.now())
          return r
        })
        this.queue.drop(batch)
        this.written(res.inserted, res.duplicates, batch)
      } catch (e) {
        this.writeFailed(e, batch)
        return
      }
      if (this.queue.length < this.batchMax) break
    }
    await this.writeMarks()
  }

  /** The gap marks every trade before which is on disk (or counted), also with nothing queued. */
  private async writeMarks(): Promise<void> {
    // The head now: trades queued while this waits for the file or the chain are not on disk yet.
    const head = this.queue.head
    if (this.ledger.pending === 0) return
    if (!this.writer && !(await this.reopen())) return
    const { db } = this
    if (!db) return
    try {
      await this.serial(() => this.ledger.writeAfter(db.writer, head, this.now()))
    } catch (e) {
      this.writeFailed(e, null)
    }
  }

  private written(inserted: number, duplicates: number, batch: SegmentBatch): void {
    const at = this.now()
    this.persisted += inserted
    this.duplicates += duplicates
    this.rows += inserted
    this.triesOfHead = 0
    if (inserted > 0) {
      this.oldest = this.oldest === null ? batch.lo : Math.min(this.oldest, batch.lo)
      this.newest = this.newest === null ? batch.hi : Math.max(this.newest, batch.hi)
    }
    this.rate.record(at, this.persisted)
    this.statFile()
    if (this.queue.length < this.queue.capacity / 2) this.queueFullReported = false
    if (this.failing) {
      this.failing = false
      this.failures = 0
      this.opts.log?.info(`Writing trades to ${this.file} works again`, 'persist_recovered')
    }
  }

  private fail(err: PersistError): void {
    const first = !this.failing || this.lastError?.code !== err.code
    this.failing = true
    this.openFailure = err
    this.lastError = err.info(this.now())
    if (first) this.opts.log?.error(`Persisting trades to ${this.file} failed: ${err.message}`, err.code)
    this.failures++
    const backoff = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** Math.min(this.failures - 1, 10))
    this.retryAt = this.now() + backoff
  }

  private writeFailed(e: unknown, batch: SegmentBatch | null): void {
    const err = persistError(e)
    this.fail(err)
    if (batch && err.code === 'persist_write_failed' && ++this.triesOfHead >= MAX_TRIES_OF_A_BAD_BATCH) {
      // Their gap goes in before any trade still queued (the head), so it covers them on disk.
      for (const l of lostFrom(batch, this.queue.symbols))
        this.ledger.lost(l.category, l.symbol, l.from, this.queue.head)
      this.queue.drop(batch)
      this.notPersisted += batch.count
      this.triesOfHead = 0
      this.opts.log?.error(`Gave up ${batch.count} trades after ${MAX_TRIES_OF_A_BAD_BATCH} failed writes`, err.code)
    }
    // DuckDB may have invalidated the database after an I/O failure: start afresh on the retry.
    this.writer?.release()
    this.writer = null
    const db = this.db
    this.db = null
    if (db) void this.serial(() => Promise.resolve(closeDb(db)))
  }

  private async reopen(): Promise<boolean> {
    if (this.closed || this.now() < this.retryAt) return false
    try {
      const db = await this.serial(() => openDb(this.opts.dataDir, this.opts.log))
      this.db = db
      this.writer = new BatchWriter(db.writer, () => this.queue.symbols)
      await this.loadSummary()
      return true
    } catch (e) {
      this.fail(persistError(e))
      return false
    }
  }

  private statFile(): void {
    this.fileBytes = fileBytes(this.file)
  }

  private state(): PersistState {
    if (this.failing) return 'failing'
    return this.db ? 'ok' : 'opening'
  }

  stats(now = this.now()): PersistStats {
    const oldestQueued = this.queue.oldestReceivedAt()
    return {
      state: this.state(),
      data_dir: this.opts.dataDir,
      file: this.file,
      file_bytes: this.fileBytes,
      persisted: this.persisted,
      not_persisted: this.notPersisted,
      duplicates_skipped: this.duplicates,
      queue_depth: this.queue.length,
      queue_capacity: this.queue.capacity,
      lag_ms: oldestQueued === null ? 0 : Math.max(0, now - oldestQueued),
      write_rate: this.rate.perSecond(now),
      newest_persisted_timestamp: this.newest,
      rows_on_disk: this.rows,
      oldest_timestamp: this.oldest,
      retention: {
        days: this.opts.retentionDays,
        gb: this.opts.retentionGb,
        deleted: this.retentionDeleted,
        last_run_at: this.retentionRunAt
      },
      last_error: this.lastError
    }
  }

  private async read<T>(fn: (db: OpenDb) => Promise<T>): Promise<T> {
    const db = this.db
    if (!db) {
      const e = this.openFailure
      throw new PersistError(
        e?.code ?? 'persist_write_failed',
        `the database file is not open${e ? `: ${e.message}` : ''}`
      )
    }
    try {
      return await fn(db)
    } catch (e) {
      throw persistError(e)
    }
  }

  /** A connection of its own per query: queries run beside the writer. */
  query<T>(fn: (conn: OpenDb['writer']) => Promise<T>): Promise<T> {
    return this.read(async (db) => {
      const conn = await db.instance.connect()
      try {
        return await fn(conn)
      } finally {
        conn.closeSync()
      }
    })
  }

  async history(now = this.now()): Promise<HistoryResponse> {
    const onDisk = await this.query((c) => q.querySymbols(c))
    return buildHistory(onDisk, this.queue.pendingBySymbol(), this.stats(now), now)
  }

  range(r: TradeRange): Promise<Trade[]> {
    return this.query((c) => q.queryRange(c, r))
  }

  async *exportRange(r: TradeRange): AsyncIterable<Trade[]> {
    const db = await this.read((d) => Promise.resolve(d))
    yield* q.exportBatches(db.instance, r)
  }

  exportParquet(r: TradeRange, file: string): Promise<number> {
    return this.query((c) => q.copyParquet(c, r, file))
  }

  newestOf(category: string, symbol: string, count: number): Promise<Trade[]> {
    return this.query((c) => q.queryNewestOf(c, category, symbol, count))
  }

  lastPersisted(): Promise<LastPersisted[]> {
    return this.query((c) => q.queryLastPersisted(c))
  }

  openGaps(): Promise<OpenGapRow[]> {
    return this.query((c) => queryOpenGaps(c))
  }

  enforceRetention(now = this.now()): Promise<RetentionResult> {
    return this.serial(async () => {
      const db = this.db
      if (!db) return { byAge: 0, bySize: 0, usedBytes: 0 }
      const limits = { days: this.opts.retentionDays, gb: this.opts.retentionGb }
      const res = await enforceRetentionOn(db.writer, limits, now).catch((e: unknown) => {
        throw persistError(e)
      })
      const deleted = res.byAge + res.bySize
      // The table's summary first, then every counter at once: stats never show a half-updated run.
      const t = deleted > 0 ? await q.queryTable(db.writer) : null
      this.retentionRunAt = now
      if (t) {
        this.retentionDeleted += deleted
        this.rows = t.rows
        this.oldest = t.oldest
        this.newest = t.newest
        this.statFile()
        this.opts.log?.info(
          `Retention deleted ${deleted} trades (${res.byAge} older than ${limits.days} days, ` +
            `${res.bySize} over ${limits.gb} GB); ${t.rows} stay in ${this.file}`,
          'persist_retention'
        )
      }
      return res
    })
  }

  async drain(timeoutMs = 5000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs
    const left = (): number => this.queue.length + this.ledger.pending
    while (left() > 0 && Date.now() < deadline) {
      const before = left()
      await this.flush()
      if (left() >= before) await new Promise((r) => setTimeout(r, 50))
    }
    return left() === 0
  }

  async close(): Promise<void> {
    if (this.closed) return
    await this.drain(5000)
    this.closed = true
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    await this.flushing
    // What could not be written in time is counted, never silently lost.
    this.notPersisted += this.queue.length
    this.queue.clear()
    const db = this.db
    this.writer?.release()
    this.writer = null
    this.db = null
    if (db) await this.serial(() => Promise.resolve(closeDb(db)))
  }
}

/**
 * Opens the durable tier in `dataDir` (creating it and DATA_DIR/trades.duckdb when missing).
 * Rejects with a PersistError (`code`, one-line `message`) when the file cannot be opened, unless
 * `onOpenFailure: 'retry'`.
 */
export async function openDurableTier(opts: DurableOptions): Promise<DuckDbDurableTier> {
  let db: OpenDb | null = null
  let error: PersistError | null = null
  try {
    db = await openDb(opts.dataDir, opts.log)
  } catch (e) {
    error = persistError(e)
    if (opts.onOpenFailure !== 'retry') throw error
  }
  const tier = new DuckDbTier(opts, db, error)
  await tier.loadSummary()
  return tier
}
