// Writes one batch. On this thread only data chunks are filled, column by column: the numbers
// through typed arrays, the text fields of a row joined into one string (one native call per row
// instead of six), and appended to an in-memory staging table. One INSERT … ANTI JOIN then splits
// the text, types every column and moves the trades not yet on disk into `trades`, on DuckDB's
// own thread: the disk is never touched from the event loop.

import {
  DOUBLE,
  DuckDBDataChunk,
  USMALLINT,
  VARCHAR,
  type DuckDBAppender,
  type DuckDBConnection
} from '@duckdb/node-api'
import type { Trade } from '../trade'
import { FIELD_SEPARATOR, FLAG, INSERT_NEW, TICKS } from './schema'

export interface BatchResult {
  /** Rows that went to disk. */
  inserted: number
  /** Offered but already on disk or twice in the batch. */
  duplicates: number
}

/** DuckDB's vector size: a data chunk holds at most this many rows. */
const CHUNK_ROWS = 2048
const SEP = FIELD_SEPARATOR
const TICK_INDEX = new Map<string, number>(TICKS.map((t, i) => [t, i]))

/** A tick direction the flags cannot hold (not one of Bybit's four): travels as text. */
function unusualTick(t: Trade): string {
  return t.tickDirection === undefined || TICK_INDEX.has(t.tickDirection) ? '' : t.tickDirection
}

function flagsOf(t: Trade): number {
  let f = t.side === 'BUY' ? FLAG.buy : 0
  if (t.backfilled) f |= FLAG.backfilled
  if (t.isBlockTrade !== undefined) f |= FLAG.blockKnown | (t.isBlockTrade ? FLAG.block : 0)
  if (t.isRpi !== undefined) f |= FLAG.rpiKnown | (t.isRpi ? FLAG.rpi : 0)
  const tick = t.tickDirection === undefined ? -1 : TICK_INDEX.get(t.tickDirection)
  if (tick !== undefined && tick >= 0) f |= FLAG.tickKnown | (tick << FLAG.tickShift)
  return f
}

const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** How long to rest after filling a chunk that took `busyMs` of the event loop (0: just yield). */
export type Pace = (busyMs: number) => number

export class BatchWriter {
  private appender: DuckDBAppender | null = null

  constructor(
    private readonly conn: DuckDBConnection,
    private readonly pace: Pace = () => 0
  ) {}

  async write(batch: readonly Trade[]): Promise<BatchResult> {
    // Copies within the batch go first (a Set here costs far less than a window in SQL).
    const seen = new Set<string>()
    const rows: Trade[] = []
    let lo = Number.POSITIVE_INFINITY
    let hi = Number.NEGATIVE_INFINITY
    for (const t of batch) {
      const key = `${t.category}${SEP}${t.symbol}${SEP}${t.tradeId}`
      if (seen.has(key)) continue
      seen.add(key)
      rows.push(t)
      if (t.timestamp < lo) lo = t.timestamp
      if (t.timestamp > hi) hi = t.timestamp
    }
    if (rows.length === 0) return { inserted: 0, duplicates: batch.length }
    await this.conn.run('DELETE FROM staging')
    const a = (this.appender ??= await this.conn.createAppender('staging'))
    try {
      for (let at = 0; at < rows.length; at += CHUNK_ROWS) {
        const started = performance.now()
        a.appendDataChunk(chunkOf(rows, at))
        // A big batch (a backlog) must not hold the event loop: ingest runs between chunks.
        const rest = this.pace(performance.now() - started)
        if (rest > 0) await sleep(rest)
        else if (at + CHUNK_ROWS < rows.length) await yieldToLoop()
      }
      a.flushSync()
    } catch (e) {
      this.dropAppender()
      throw e
    }
    const r = await this.conn.run(INSERT_NEW, [BigInt(lo), BigInt(hi)])
    const inserted = Number(r.rowsChanged)
    return { inserted, duplicates: batch.length - inserted }
  }

  /** After a failure the appender may hold half a chunk: start over with a new one. */
  dropAppender(): void {
    try {
      this.appender?.closeSync()
    } catch {
      /* the connection is gone with the failure: nothing to release */
    }
    this.appender = null
  }
}

/**
 * Rows `at`… (at most CHUNK_ROWS) as a chunk of the staging table. Times and seq travel as DOUBLE:
 * whole numbers below 2^53 are exact there, and the INSERT casts them to BIGINT.
 */
function chunkOf(rows: readonly Trade[], at: number): DuckDBDataChunk {
  const n = Math.min(CHUNK_ROWS, rows.length - at)
  const chunk = DuckDBDataChunk.create([VARCHAR, DOUBLE, DOUBLE, DOUBLE, USMALLINT], n)
  const text = chunk.getColumnVector(0)
  const ts = chunk.getColumnVector(1)
  const received = chunk.getColumnVector(2)
  const seq = chunk.getColumnVector(3)
  const flags = chunk.getColumnVector(4)
  for (let i = 0; i < n; i++) {
    const t = rows[at + i]
    text.setItem(
      i,
      `${t.category}${SEP}${t.symbol}${SEP}${t.tradeId}${SEP}${t.priceText}${SEP}${t.quantityText}${SEP}${unusualTick(t)}`
    )
    ts.setItem(i, t.timestamp)
    received.setItem(i, t.receivedAt)
    seq.setItem(i, t.seq ?? null)
    flags.setItem(i, flagsOf(t))
  }
  for (const v of [text, ts, received, seq, flags]) v.flush()
  return chunk
}
