// Writes one batch of the write queue with one INSERT that reads the batch through a table function
// (`mdm_batch()`): DuckDB asks for the batch a data chunk at a time, and each answer is a segment's
// columns copied into the chunk's vectors (numbers only, 2,048 trades). The rare strings a segment
// could not pack go beside them into a small staging table. Typing the columns, sorting,
// compressing and the disk happen on DuckDB's own thread.
//
// Stored once: a copy of a trade has the same exchange time. The writer knows each symbol's newest
// time on disk; a batch whose every trade is newer cannot hold a copy of one on disk and goes in
// without reading the table (INSERT_NEW). Otherwise (a backfill, a restart) it is checked against
// the disk rows in the range of its older trades (INSERT_CHECKED). Copies within a batch go in both.

import {
  DOUBLE,
  DuckDBTableFunction,
  UINTEGER,
  UUID,
  type DuckDBAppender,
  type DuckDBConnection,
  type DuckDBDataChunk
} from '@duckdb/node-api'
import { BATCH_COLUMNS, BATCH_FUNCTION, CLEAR_STAGING, INSERT_CHECKED, INSERT_NEW, NEWEST_ON_DISK } from './staging-sql'
import { markCopies } from './batch-copies'
import { fillRows, rowOrder } from './batch-rows'
import { SEGMENT_ROWS, type QueuedSymbol, type Segment, type SegmentBatch } from './write-queue'

export interface BatchResult {
  /** Rows that went to disk. */
  inserted: number
  /** Offered but already on disk or twice in the batch. */
  duplicates: number
}

const TYPES = [UINTEGER, UINTEGER, UINTEGER, UINTEGER, UINTEGER, UINTEGER, UUID, DOUBLE, DOUBLE, DOUBLE, DOUBLE, DOUBLE]

interface Appenders {
  odd: DuckDBAppender
  symbols: DuckDBAppender
}

export class BatchWriter {
  private appenders: Appenders | null = null
  /** Per symbol id: the newest exchange time on disk (−∞: none), known once the symbol is registered. */
  private newest: number[] = []
  private newestAtOpen: Map<string, number> | null = null
  /** The batch the running INSERT reads, its rows in order, and how many it has read. */
  private serving: { batch: SegmentBatch; order: Uint32Array } | null = null
  private served = 0
  /** Rows wait in `staging_odd` from the last batch. */
  private oddStaged = false

  constructor(
    private readonly conn: DuckDBConnection,
    private readonly symbols: () => readonly QueuedSymbol[]
  ) {}

  async write(batch: SegmentBatch): Promise<BatchResult> {
    // Nearly every batch packs whole: the odd-values table is emptied only after one that did not.
    if (this.oddStaged) await this.conn.run(CLEAR_STAGING)
    this.oddStaged = false
    const a = (this.appenders ??= await this.openAppenders())
    this.register(a.symbols)
    markCopies(batch)
    let staleLo = Number.POSITIVE_INFINITY
    let staleHi = Number.NEGATIVE_INFINITY
    batch.segments.forEach((seg, k) => {
      if (appendOdd(a.odd, seg, k * SEGMENT_ROWS) > 0) this.oddStaged = true
    })
    for (const seg of batch.segments) {
      const ts = seg.chunk.f
      for (let i = 0; i < seg.count; i++) {
        if (ts[i] <= this.newest[seg.symbols[i]]) {
          if (ts[i] < staleLo) staleLo = ts[i]
          if (ts[i] > staleHi) staleHi = ts[i]
        }
      }
    }
    a.odd.flushSync()
    this.serving = { batch, order: rowOrder(batch, this.newest.length) }
    this.served = 0
    const r = await (
      staleHi === Number.NEGATIVE_INFINITY
        ? this.conn.run(INSERT_NEW)
        : this.conn.run(INSERT_CHECKED, [BigInt(staleLo), BigInt(staleHi)])
    ).finally(() => (this.serving = null))
    for (const seg of batch.segments) {
      const ts = seg.chunk.f
      for (let i = 0; i < seg.count; i++) if (ts[i] > this.newest[seg.symbols[i]]) this.newest[seg.symbols[i]] = ts[i]
    }
    const inserted = Number(r.rowsChanged)
    return { inserted, duplicates: batch.count - inserted }
  }

  private async openAppenders(): Promise<Appenders> {
    await this.conn.run('DELETE FROM staging_symbols')
    const r = await this.conn.runAndReadAll(NEWEST_ON_DISK)
    this.newestAtOpen = new Map(r.getRows().map((row) => [`${String(row[0])}\u0000${String(row[1])}`, Number(row[2])]))
    this.newest = []
    this.conn.registerTableFunction(
      DuckDBTableFunction.create({
        name: BATCH_FUNCTION,
        bindFunction: (bind) => {
          BATCH_COLUMNS.forEach((c, i) => bind.addResultColumn(c, TYPES[i]))
          // The optimizer then builds its joins on the small tables and streams the batch in order.
          bind.setCardinality(this.serving?.order.length ?? 0, true)
        },
        initFunction: () => {
          this.served = 0
        },
        mainFunction: (_info, out) => this.serve(out)
      })
    )
    return {
      odd: await this.conn.createAppender('staging_odd'),
      symbols: await this.conn.createAppender('staging_symbols')
    }
  }

  /** Symbols queued since the last batch: into `staging_symbols`, with their newest time on disk. */
  private register(appender: DuckDBAppender): void {
    const all = this.symbols()
    if (this.newest.length === all.length) return
    for (let id = this.newest.length; id < all.length; id++) {
      const s = all[id]
      appender.appendUInteger(id)
      appender.appendVarchar(s.category)
      appender.appendVarchar(s.symbol)
      appender.endRow()
      this.newest.push(this.newestAtOpen?.get(`${s.category}\u0000${s.symbol}`) ?? Number.NEGATIVE_INFINITY)
    }
    appender.flushSync()
  }

  /** The next segment of the batch being written into DuckDB's chunk (none left: an empty chunk ends the scan). */
  private serve(out: DuckDBDataChunk): void {
    const s = this.serving
    const n = s ? Math.min(SEGMENT_ROWS, s.order.length - this.served) : 0
    if (!s || n <= 0) {
      out.rowCount = 0
      return
    }
    fillRows(out, s.batch, s.order, this.served, n)
    this.served += n
  }

  /** After a failure the appenders may hold half a chunk: start over with new ones. */
  release(): void {
    for (const a of Object.values(this.appenders ?? {})) {
      try {
        a.closeSync()
      } catch {
        /* the connection is gone with the failure: nothing to release */
      }
    }
    this.appenders = null
    this.newest = []
  }
}

/** The strings a segment could not pack, keyed by the staged row; returns how many rows. */
function appendOdd(a: DuckDBAppender, seg: Segment, base: number): number {
  const odd = seg.chunk.odd
  if (odd === null) return 0
  let rows = 0
  for (const [i, o] of odd) {
    if (i >= seg.count) continue
    a.appendUInteger(base + i)
    for (const s of [o.price, o.size, o.id, o.tick]) {
      if (s === undefined) a.appendNull()
      else a.appendVarchar(s)
    }
    a.endRow()
    rows++
  }
  return rows
}
