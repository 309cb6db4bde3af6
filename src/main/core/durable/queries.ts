// Reads from the database file: a range newest first, an export oldest first in batches, a Parquet
// file, the newest trades per symbol (to refill the rings at start), the newest per symbol (where
// each restart gap begins) and the per-symbol summary. Every read gives back the exchange's strings.

import type { DuckDBConnection, DuckDBInstance, DuckDBValue } from '@duckdb/node-api'
import type { Category, Side } from '../../../shared/dto'
import type { TradeRange } from '../../../shared/dto-durable'
import { Trade } from '../trade'
import type { LastPersisted } from './durable-tier'
import { TRADE_COLUMNS_SQL, TRADE_ID_SQL } from './schema'

export const DEFAULT_RANGE_LIMIT = 1000
export const EXPORT_BATCH = 10_000

const num = (v: DuckDBValue): number => Number(v as bigint)
const optNum = (v: DuckDBValue): number | undefined => (v === null ? undefined : Number(v as bigint))
const optStr = (v: DuckDBValue): string | undefined => (v === null ? undefined : String(v as string))
const optBool = (v: DuckDBValue): boolean | undefined => (v === null ? undefined : Boolean(v))

/** A row of TRADE_COLUMNS_SQL as a Trade. */
export function rowToTrade(r: readonly DuckDBValue[]): Trade {
  const [category, symbol, tradeId, ts, received, seq, side, price, size, tick, block, rpi, backfilled] = r
  return new Trade({
    category: category as Category,
    symbol: symbol as string,
    tradeId: tradeId as string,
    timestamp: num(ts),
    receivedAt: num(received),
    seq: optNum(seq),
    side: side as Side,
    price: price as string,
    quantity: size as string,
    tickDirection: optStr(tick),
    isBlockTrade: optBool(block),
    isRpi: optBool(rpi),
    backfilled: backfilled === true
  })
}

/** SQL string literal. */
export const lit = (s: string): string => `'${s.replace(/'/g, "''")}'`

/**
 * The WHERE clause of a range and its bound values: the symbol and the times are parameters ($1…),
 * never SQL text (COPY takes them too). Numbers are checked finite.
 */
export function rangeWhere(q: TradeRange): { sql: string; values: DuckDBValue[] } {
  const parts: string[] = []
  const values: DuckDBValue[] = []
  const bind = (column: string, op: string, value: DuckDBValue): void => {
    values.push(value)
    parts.push(`${column} ${op} $${values.length}`)
  }
  if (q.symbol !== undefined) bind('symbol', '=', q.symbol)
  if (q.from !== undefined && Number.isFinite(q.from)) bind('ts', '>=', BigInt(Math.floor(q.from)))
  if (q.to !== undefined && Number.isFinite(q.to)) bind('ts', '<=', BigInt(Math.floor(q.to)))
  return { sql: parts.length > 0 ? `WHERE ${parts.join(' AND ')}` : '', values }
}

function limitOf(q: TradeRange): number {
  const l = q.limit ?? DEFAULT_RANGE_LIMIT
  return Number.isFinite(l) && l > 0 ? Math.floor(l) : DEFAULT_RANGE_LIMIT
}

export async function queryRange(conn: DuckDBConnection, q: TradeRange): Promise<Trade[]> {
  const where = rangeWhere(q)
  const sql =
    `SELECT ${TRADE_COLUMNS_SQL} FROM trades_exact ${where.sql} ` +
    `ORDER BY ts DESC, received_at DESC LIMIT ${limitOf(q)}`
  return (await conn.runAndReadAll(sql, where.values)).getRows().map(rowToTrade)
}

/** Oldest first, in batches, on a connection of its own (closed at the end). */
export async function* exportBatches(instance: DuckDBInstance, q: TradeRange): AsyncIterable<Trade[]> {
  const conn = await instance.connect()
  try {
    const limit = q.limit !== undefined ? ` LIMIT ${limitOf(q)}` : ''
    const where = rangeWhere(q)
    const result = await conn.stream(
      `SELECT ${TRADE_COLUMNS_SQL} FROM trades_exact ${where.sql} ORDER BY ts, received_at${limit}`,
      where.values
    )
    let batch: Trade[] = []
    for (;;) {
      const chunk = await result.fetchChunk()
      if (!chunk || chunk.rowCount === 0) break
      for (const row of chunk.getRows()) batch.push(rowToTrade(row))
      if (batch.length >= EXPORT_BATCH) {
        yield batch
        batch = []
      }
    }
    if (batch.length > 0) yield batch
  } finally {
    conn.closeSync()
  }
}

/** The Parquet columns: the API's names, exact strings for price, quantity and trade id. */
const PARQUET_COLUMNS =
  'exchange, category, symbol, trade_id, ts AS timestamp, received_at, seq, side, ' +
  'price, quantity, tick_direction, is_block_trade, is_rpi, backfilled'

export async function copyParquet(conn: DuckDBConnection, q: TradeRange, file: string): Promise<number> {
  const limit = q.limit !== undefined ? ` LIMIT ${limitOf(q)}` : ''
  const where = rangeWhere(q)
  const r = await conn.run(
    `COPY (SELECT ${PARQUET_COLUMNS} FROM trades_exact ${where.sql} ORDER BY ts, received_at${limit}) ` +
      `TO ${lit(file)} (FORMAT PARQUET)`,
    where.values
  )
  return Number(r.rowsChanged)
}

/**
 * The newest `count` trades of one symbol, oldest first (the start-up load asks symbol by symbol, so
 * one symbol's trades at most exist as objects at a time): the time of its n-th newest trade (a top-N over the time column alone), then only the rows from that time on are read
 * back as strings; a window over the whole table would render and sort every row on disk.
 */
export async function queryNewestOf(
  conn: DuckDBConnection,
  category: string,
  symbol: string,
  count: number
): Promise<Trade[]> {
  const n = Math.max(0, Math.floor(count))
  if (n === 0) return []
  const cut = (
    await conn.runAndReadAll(
      `SELECT ts FROM trades WHERE category = $1 AND symbol = $2 ORDER BY ts DESC LIMIT 1 OFFSET ${n - 1}`,
      [category, symbol]
    )
  ).getRows()[0]
  const values: DuckDBValue[] = cut === undefined ? [category, symbol] : [category, symbol, cut[0]]
  const sql =
    `SELECT ${TRADE_COLUMNS_SQL} FROM trades_exact WHERE category = $1 AND symbol = $2` +
    `${cut === undefined ? '' : ' AND ts >= $3'} ORDER BY ts DESC, received_at DESC LIMIT ${n}`
  const out = (await conn.runAndReadAll(sql, values)).getRows().map(rowToTrade)
  return out.reverse()
}

export async function queryLastPersisted(conn: DuckDBConnection): Promise<LastPersisted[]> {
  const sql =
    `SELECT category, symbol, max(ts), arg_max(${TRADE_ID_SQL}, ts) FROM trades ` +
    'GROUP BY category, symbol ORDER BY category, symbol'
  return (await conn.runAndReadAll(sql)).getRows().map((r) => ({
    category: String(r[0]),
    symbol: String(r[1]),
    timestamp: num(r[2]),
    tradeId: String(r[3])
  }))
}

export interface SymbolSummary {
  category: Category
  symbol: string
  stored: number
  first: number | null
  last: number | null
}

export async function querySymbols(conn: DuckDBConnection): Promise<SymbolSummary[]> {
  const sql =
    'SELECT category, symbol, count(*), min(ts), max(ts) FROM trades GROUP BY category, symbol ORDER BY category, symbol'
  return (await conn.runAndReadAll(sql)).getRows().map((r) => ({
    category: r[0] as Category,
    symbol: String(r[1]),
    stored: num(r[2]),
    first: r[3] === null ? null : num(r[3]),
    last: r[4] === null ? null : num(r[4])
  }))
}

export interface TableSummary {
  rows: number
  oldest: number | null
  newest: number | null
}

export async function queryTable(conn: DuckDBConnection): Promise<TableSummary> {
  const r = (await conn.runAndReadAll('SELECT count(*), min(ts), max(ts) FROM trades')).getRows()[0]
  return { rows: num(r[0]), oldest: r[1] === null ? null : num(r[1]), newest: r[2] === null ? null : num(r[2]) }
}

/** Bytes in use inside the file (used blocks and the WAL), which retention compares with its limit. */
export async function queryUsedBytes(conn: DuckDBConnection): Promise<number> {
  const r = (
    await conn.runAndReadAll(
      'SELECT block_size, used_blocks FROM pragma_database_size() WHERE database_name = current_database()'
    )
  ).getRows()[0]
  return num(r[0]) * num(r[1])
}
