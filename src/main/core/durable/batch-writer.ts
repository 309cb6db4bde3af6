// Writes one batch: the trades go column by column into an in-memory staging table through
// DuckDB's appender (no disk on this thread), then one INSERT … ANTI JOIN moves the ones not yet on
// disk into `trades` on DuckDB's own thread. Duplicates within the batch are dropped first.

import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api'
import type { Trade } from '../trade'
import { INSERT_NEW } from './schema'

export interface BatchResult {
  /** Rows that went to disk. */
  inserted: number
  /** Offered but already on disk or twice in the batch. */
  duplicates: number
  /** Exchange time of the newest trade in the batch. */
  newestTimestamp: number
}

function appendNullable(a: DuckDBAppender, v: string | undefined): void {
  if (v === undefined) a.appendNull()
  else a.appendVarchar(v)
}

function appendFlag(a: DuckDBAppender, v: boolean | undefined): void {
  if (v === undefined) a.appendNull()
  else a.appendBoolean(v)
}

export class BatchWriter {
  private appender: DuckDBAppender | null = null

  constructor(private readonly conn: DuckDBConnection) {}

  async write(batch: readonly Trade[]): Promise<BatchResult> {
    const seen = new Set<string>()
    let lo = Number.POSITIVE_INFINITY
    let hi = Number.NEGATIVE_INFINITY
    await this.conn.run('DELETE FROM staging')
    const a = (this.appender ??= await this.conn.createAppender('staging'))
    let staged = 0
    for (const t of batch) {
      const key = `${t.category}\u0001${t.symbol}\u0001${t.tradeId}`
      if (seen.has(key)) continue
      seen.add(key)
      a.appendVarchar(t.category)
      a.appendVarchar(t.symbol)
      a.appendVarchar(t.tradeId)
      a.appendBigInt(BigInt(t.timestamp))
      a.appendBigInt(BigInt(t.receivedAt))
      if (t.seq === undefined) a.appendNull()
      else a.appendBigInt(BigInt(t.seq))
      a.appendVarchar(t.side)
      a.appendVarchar(t.priceText)
      a.appendVarchar(t.quantityText)
      appendNullable(a, t.tickDirection)
      appendFlag(a, t.isBlockTrade)
      appendFlag(a, t.isRpi)
      a.appendBoolean(t.backfilled)
      a.endRow()
      staged++
      if (t.timestamp < lo) lo = t.timestamp
      if (t.timestamp > hi) hi = t.timestamp
    }
    if (staged === 0) return { inserted: 0, duplicates: batch.length, newestTimestamp: 0 }
    try {
      a.flushSync()
    } catch (e) {
      this.dropAppender()
      throw e
    }
    const r = await this.conn.run(INSERT_NEW, [BigInt(lo), BigInt(hi)])
    const inserted = Number(r.rowsChanged)
    return { inserted, duplicates: batch.length - inserted, newestTimestamp: hi }
  }

  /** After a failure the appender may hold half a row: start over with a new one. */
  dropAppender(): void {
    try {
      this.appender?.closeSync()
    } catch {
      /* the connection is gone with the failure: nothing to release */
    }
    this.appender = null
  }
}
