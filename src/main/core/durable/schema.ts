// The database file's schema: one table of trades, a small table naming the schema (so a foreign
// DuckDB file is told apart from ours), and a view that reads the trades back as the exchange sent
// them. Prices and sizes are the exchange's exact strings (never a float): "0.00001000" keeps its
// zeros. A trade id goes to the narrowest column that gives the same string back: a canonical
// decimal integer (spot's 19-digit ids) to BIGINT, a canonical lower-case UUID (derivatives) to
// UUID, anything else verbatim to VARCHAR. That keeps a linear trade near 20 bytes on disk.

export const DB_FILE_NAME = 'trades.duckdb'
export const SCHEMA_ID = 'market-data-monitor/trades/1'

export const CREATE_SCHEMA = `
CREATE TABLE IF NOT EXISTS mdm_meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);
INSERT OR IGNORE INTO mdm_meta VALUES ('schema', '${SCHEMA_ID}');
CREATE TABLE IF NOT EXISTS trades (
  exchange VARCHAR NOT NULL,
  category VARCHAR NOT NULL,
  symbol VARCHAR NOT NULL,
  trade_num BIGINT,
  trade_uuid UUID,
  trade_text VARCHAR,
  ts BIGINT NOT NULL,
  received_at BIGINT NOT NULL,
  seq BIGINT,
  side VARCHAR NOT NULL,
  price VARCHAR NOT NULL,
  size VARCHAR NOT NULL,
  tick_direction VARCHAR,
  is_block_trade BOOLEAN,
  is_rpi BOOLEAN,
  backfilled BOOLEAN NOT NULL
);
CREATE OR REPLACE VIEW trades_exact AS SELECT
  exchange, category, symbol,
  coalesce(trade_text, CAST(trade_uuid AS VARCHAR), CAST(trade_num AS VARCHAR)) AS trade_id,
  ts AS timestamp, received_at, seq, side, price, size AS quantity,
  tick_direction, is_block_trade, is_rpi, backfilled
FROM trades;
`

/** The trade id as the exchange wrote it. */
export const TRADE_ID_SQL = 'coalesce(trade_text, CAST(trade_uuid AS VARCHAR), CAST(trade_num AS VARCHAR))'

/** The columns a Trade is rebuilt from, in `rowToTrade`'s order. */
export const TRADE_COLUMNS_SQL =
  `category, symbol, ${TRADE_ID_SQL} AS trade_id, ts, received_at, seq, side, price, size, ` +
  'tick_direction, is_block_trade, is_rpi, backfilled'

/** In memory, per writer connection: each batch lands here (appender), then moves to `trades` in one statement. */
export const CREATE_STAGING = `
CREATE TEMP TABLE IF NOT EXISTS staging (
  category VARCHAR, symbol VARCHAR, trade_id VARCHAR, ts BIGINT, received_at BIGINT, seq BIGINT,
  side VARCHAR, price VARCHAR, size VARCHAR, tick_direction VARCHAR, is_block_trade BOOLEAN,
  is_rpi BOOLEAN, backfilled BOOLEAN
)`

/**
 * Staging → trades, without the trades already on disk. Stored once: a trade is the same when its
 * category, symbol and id are; its copy on disk has the same exchange time, so only the batch's
 * time range ($1..$2) is searched (zone maps skip the rest of the file). Rows go in sorted by
 * symbol and time, which compresses better than the feed's interleaving.
 */
export const INSERT_NEW = `
INSERT INTO trades
WITH k AS (
  SELECT *,
    CASE WHEN CAST(TRY_CAST(trade_id AS BIGINT) AS VARCHAR) = trade_id THEN TRY_CAST(trade_id AS BIGINT) END AS n,
    CASE WHEN CAST(TRY_CAST(trade_id AS UUID) AS VARCHAR) = trade_id THEN TRY_CAST(trade_id AS UUID) END AS u
  FROM staging
), s AS (
  SELECT *, CASE WHEN n IS NULL AND u IS NULL THEN trade_id END AS x FROM k
), d AS (
  SELECT category, symbol, trade_num, trade_uuid, trade_text FROM trades WHERE ts BETWEEN $1 AND $2
)
SELECT 'bybit', s.category, s.symbol, s.n, s.u, s.x, s.ts, s.received_at, s.seq, s.side, s.price, s.size,
  s.tick_direction, s.is_block_trade, s.is_rpi, s.backfilled
FROM s ANTI JOIN d ON d.category = s.category AND d.symbol = s.symbol
  AND d.trade_num IS NOT DISTINCT FROM s.n AND d.trade_uuid IS NOT DISTINCT FROM s.u
  AND d.trade_text IS NOT DISTINCT FROM s.x
ORDER BY s.category, s.symbol, s.ts, s.received_at
`
