// The forwarder's cursor in the database file: per stream and symbol, the last trade NATS
// acknowledged, and the trades on disk from a point on (what forwarding resumes with after an
// outage or a restart). Same file as the trades, so the cursor never outlives its trades.

import type { DuckDBConnection } from '@duckdb/node-api'
import type { Category } from '../../../shared/dto'
import type { PublishCursor } from '../../../shared/dto-publish'
import type { Trade } from '../trade'
import { lit, rowToTrade } from './queries'
import { TRADE_COLUMNS_SQL } from './schema'

const CREATE = `
CREATE TABLE IF NOT EXISTS mdm_publish_cursor (
  stream VARCHAR NOT NULL,
  category VARCHAR NOT NULL,
  symbol VARCHAR NOT NULL,
  ts BIGINT NOT NULL,
  trade_id VARCHAR NOT NULL,
  saved_at BIGINT NOT NULL,
  PRIMARY KEY (stream, category, symbol)
)`

export async function loadPublishCursors(conn: DuckDBConnection, stream: string): Promise<PublishCursor[]> {
  await conn.run(CREATE)
  const rows = (
    await conn.runAndReadAll(
      `SELECT category, symbol, ts, trade_id FROM mdm_publish_cursor WHERE stream = ${lit(stream)} ORDER BY category, symbol`
    )
  ).getRows()
  return rows.map(([category, symbol, ts, id]) => ({
    category: category as Category,
    symbol: symbol as string,
    timestamp: Number(ts as bigint),
    trade_id: id as string
  }))
}

export async function savePublishCursors(
  conn: DuckDBConnection,
  stream: string,
  cursors: readonly PublishCursor[],
  now = Date.now()
): Promise<void> {
  if (cursors.length === 0) return
  await conn.run(CREATE)
  const values = cursors
    .map(
      (c) =>
        `(${lit(stream)}, ${lit(c.category)}, ${lit(c.symbol)}, ${Math.floor(c.timestamp)}, ${lit(c.trade_id)}, ${Math.floor(now)})`
    )
    .join(', ')
  await conn.run(`INSERT OR REPLACE INTO mdm_publish_cursor VALUES ${values}`)
}

/** Up to `limit` trades of one symbol with exchange time ≥ `from`, oldest first. */
export async function tradesFrom(
  conn: DuckDBConnection,
  category: string,
  symbol: string,
  from: number,
  limit: number
): Promise<Trade[]> {
  const sql =
    `SELECT ${TRADE_COLUMNS_SQL} FROM trades_exact WHERE category = ${lit(category)} AND symbol = ${lit(symbol)} ` +
    `AND ts >= ${Math.floor(from)} ORDER BY ts, received_at LIMIT ${Math.max(1, Math.floor(limit))}`
  return (await conn.runAndReadAll(sql)).getRows().map(rowToTrade)
}

export async function symbolsOnDisk(conn: DuckDBConnection): Promise<{ category: Category; symbol: string }[]> {
  const rows = (await conn.runAndReadAll('SELECT DISTINCT category, symbol FROM trades')).getRows()
  return rows.map(([category, symbol]) => ({ category: category as Category, symbol: symbol as string }))
}
