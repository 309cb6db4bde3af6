// The database file's schema: one table of trades, a small table naming the schema (so a foreign
// DuckDB file is told apart from ours), and a view, `trades_exact`, that reads the trades back as
// the exchange sent them. Every column is stored in the narrowest form that gives the exchange's
// exact string back, so a linear trade (16 bytes of random UUID) stays under 24 bytes on disk:
// - price and size: the digits as a BIGINT and the count of decimals ("0.00001000" → 1000, 8),
//   which reads back with its zeros; a form that would not (leading zeros, over 15 significant digits) is
//   kept verbatim in `price_text` / `size_text`. Never a float.
// - trade id: a canonical decimal integer (spot's 19-digit ids) as BIGINT, a canonical lower-case
//   UUID (derivatives) as UUID, anything else verbatim as VARCHAR.
// - received_at: as its distance from the exchange time (small numbers pack into few bits).
// - side, backfilled, block trade, RPI and tick direction: bits of one `flags` column.
// - exchange: every trade is Bybit's, so the view says 'bybit' and the table spends no byte on it
//   (a second exchange would add the column, with a new SCHEMA_ID).

export const DB_FILE_NAME = 'trades.duckdb'
export const SCHEMA_ID = 'market-data-monitor/trades/2'

/**
 * Bits of `flags`. What changes from trade to trade sits in the low bits (side, tick direction,
 * RPI) and what rarely does above them: DuckDB packs each run of values into the bits of its
 * spread, so the steady high bits cost nothing. The tick direction is TICKS' index at bits 1–2
 * when `tickKnown`.
 */
export const FLAG = {
  buy: 1,
  tickShift: 1,
  rpi: 8,
  block: 16,
  backfilled: 32,
  rpiKnown: 64,
  blockKnown: 128,
  tickKnown: 256
} as const

/** Bybit's tick directions; any other value is kept verbatim in `tick_text`. */
export const TICKS = ['PlusTick', 'ZeroPlusTick', 'MinusTick', 'ZeroMinusTick'] as const

/** The decimal string of digits `m` with `s` decimals (both column names). */
function renderSql(m: string, s: string): string {
  // lpad cuts a longer string to the length: pad only up to the longer of the two.
  const digits = `CAST(${m} AS VARCHAR)`
  const padded = `lpad(${digits}, CAST(greatest(length(${digits}), ${s} + 1) AS INTEGER), '0')`
  return (
    `CASE WHEN ${s} = 0 THEN CAST(${m} AS VARCHAR) ` +
    `ELSE substr(${padded}, 1, length(${padded}) - ${s}) || '.' || substr(${padded}, length(${padded}) - ${s} + 1) END`
  )
}

/** The exact decimal string of `<c>_m` / `<c>_s`, or `<c>_text`. */
function decimalSql(c: string): string {
  return `coalesce(${c}_text, ${renderSql(`${c}_m`, `${c}_s`)})`
}

const TICK_SQL =
  `CASE WHEN tick_text IS NOT NULL THEN tick_text WHEN flags & ${FLAG.tickKnown} <> 0 THEN ` +
  `[${TICKS.map((t) => `'${t}'`).join(', ')}][((flags >> ${FLAG.tickShift}) & 3) + 1] END`

const flag = (bit: number): string => `flags & ${bit} <> 0`

export const CREATE_SCHEMA = `
CREATE TABLE IF NOT EXISTS mdm_meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);
INSERT OR IGNORE INTO mdm_meta VALUES ('schema', '${SCHEMA_ID}');
CREATE TABLE IF NOT EXISTS trades (
  category VARCHAR NOT NULL,
  symbol VARCHAR NOT NULL,
  trade_num BIGINT,
  trade_uuid UUID,
  trade_text VARCHAR,
  ts BIGINT NOT NULL,
  received_delta BIGINT NOT NULL,
  seq BIGINT,
  price_m BIGINT,
  price_s UTINYINT,
  price_text VARCHAR,
  size_m BIGINT,
  size_s UTINYINT,
  size_text VARCHAR,
  flags USMALLINT NOT NULL,
  tick_text VARCHAR
);
CREATE OR REPLACE VIEW trades_exact AS SELECT
  'bybit' AS exchange, category, symbol,
  coalesce(trade_text, CAST(trade_uuid AS VARCHAR), CAST(trade_num AS VARCHAR)) AS trade_id,
  ts, ts + received_delta AS received_at, seq,
  CASE WHEN ${flag(FLAG.buy)} THEN 'BUY' ELSE 'SELL' END AS side,
  ${decimalSql('price')} AS price, ${decimalSql('size')} AS quantity,
  ${TICK_SQL} AS tick_direction,
  CASE WHEN ${flag(FLAG.blockKnown)} THEN ${flag(FLAG.block)} END AS is_block_trade,
  CASE WHEN ${flag(FLAG.rpiKnown)} THEN ${flag(FLAG.rpi)} END AS is_rpi,
  ${flag(FLAG.backfilled)} AS backfilled
FROM trades;
`

/** The trade id as the exchange wrote it (on the table). */
export const TRADE_ID_SQL = 'coalesce(trade_text, CAST(trade_uuid AS VARCHAR), CAST(trade_num AS VARCHAR))'

/** The columns a Trade is rebuilt from (on `trades_exact`), in `rowToTrade`'s order. */
export const TRADE_COLUMNS_SQL =
  'category, symbol, trade_id, ts, received_at, seq, side, price, quantity, ' +
  'tick_direction, is_block_trade, is_rpi, backfilled'
