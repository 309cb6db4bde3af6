// The writer's side of the schema: per writer connection, the small in-memory tables beside a
// batch and the INSERT that moves it into `trades`. A batch arrives through the table function
// `mdm_batch()` as the write queue's columns, numbers only (storage/trade-chunk.ts): the meta word
// with side, tick, block, RPI, backfilled, the kind of id and the scales; a decimal id in 32-bit
// words, a UUID as DuckDB stores one; time, receive time, seq, price and size units as doubles
// (exact below 2^53). The few strings a chunk could not pack travel in `staging_odd`. DuckDB turns
// the words into the table's columns on its own thread.

import { CHUNK_META as M } from '../storage/trade-chunk'
import { FLAG } from './schema'

/** The table function the writer registers on its connection: the batch's columns, a segment per call. */
export const BATCH_FUNCTION = 'mdm_batch'

/** Its columns, in order: six UINTEGER, a UUID (garbage unless the id is one), five DOUBLE (batch-rows.ts). */
export const BATCH_COLUMNS = [
  'row',
  'sym',
  'meta',
  'w1',
  'w2',
  'w3',
  'uuid',
  'ts',
  'received',
  'seq',
  'price',
  'size'
] as const

export const CREATE_STAGING = `
CREATE TEMP TABLE IF NOT EXISTS staging_odd (row UINTEGER, price VARCHAR, size VARCHAR, id VARCHAR, tick VARCHAR);
CREATE TEMP TABLE IF NOT EXISTS staging_symbols (id UINTEGER, category VARCHAR, symbol VARCHAR);
`

export const CLEAR_STAGING = 'DELETE FROM staging_odd'

/** Per (category, symbol): the newest exchange time on disk (what a writer starts from). */
export const NEWEST_ON_DISK = 'SELECT category, symbol, max(ts) FROM trades GROUP BY category, symbol'

const bits = (shift: number, mask: number): string => `((meta >> ${shift}) & ${mask})`
const TICK = bits(M.tickShift, 7)
const BLOCK = bits(M.blockShift, 3)
const RPI = bits(M.rpiShift, 3)

/** The table's `flags` (schema.ts FLAG) from the chunk's meta word. */
const FLAGS_SQL =
  `CAST((CASE WHEN meta & ${M.buy} <> 0 THEN ${FLAG.buy} ELSE 0 END)` +
  ` | (CASE WHEN meta & ${M.backfilled} <> 0 THEN ${FLAG.backfilled} ELSE 0 END)` +
  ` | (CASE WHEN ${TICK} BETWEEN 1 AND 4 THEN ${FLAG.tickKnown} | ((${TICK} - 1) << ${FLAG.tickShift}) ELSE 0 END)` +
  ` | (CASE ${BLOCK} WHEN 1 THEN ${FLAG.blockKnown} WHEN 2 THEN ${FLAG.blockKnown | FLAG.block} ELSE 0 END)` +
  ` | (CASE ${RPI} WHEN 1 THEN ${FLAG.rpiKnown} WHEN 2 THEN ${FLAG.rpiKnown | FLAG.rpi} ELSE 0 END) AS USMALLINT)`

const BIGINT_MAX = '9223372036854775807'

/** A decimal id in three 9-digit words (low first), or null for another kind of id. */
const NUM = `CASE WHEN ${bits(M.idShift, 3)} = ${M.idNumber} THEN w3::HUGEINT * 1000000000000000000 + w2::HUGEINT * 1000000000 + w1 END`

/** The staged batch as the table's columns, plus `sym` (to sort by). */
const ROWS = `
WITH k AS (
  SELECT st.*, g.category, g.symbol, o.price AS odd_price, o.size AS odd_size, o.id AS odd_id, o.tick AS odd_tick,
    ${NUM} AS num
  FROM ${BATCH_FUNCTION}() st JOIN staging_symbols g ON g.id = st.sym LEFT JOIN staging_odd o ON o.row = st.row
), r AS (
  SELECT sym, category, symbol,
    CASE WHEN num <= ${BIGINT_MAX} THEN CAST(num AS BIGINT) END AS trade_num,
    CASE WHEN ${bits(M.idShift, 3)} = ${M.idUuid} THEN uuid END AS trade_uuid,
    CASE WHEN num > ${BIGINT_MAX} THEN CAST(num AS VARCHAR) WHEN num IS NULL AND ${bits(M.idShift, 3)} <> ${M.idUuid} THEN odd_id END AS trade_text,
    CAST(ts AS BIGINT) AS ts, CAST(received - ts AS BIGINT) AS received_delta,
    CASE WHEN isnan(seq) THEN NULL ELSE TRY_CAST(seq AS BIGINT) END AS seq,
    CASE WHEN meta & ${M.priceOdd} = 0 THEN CAST(price AS BIGINT) END AS price_m,
    CASE WHEN meta & ${M.priceOdd} = 0 THEN CAST(meta & ${M.priceScaleMask} AS UTINYINT) END AS price_s,
    CASE WHEN meta & ${M.priceOdd} <> 0 THEN odd_price END AS price_text,
    CASE WHEN meta & ${M.sizeOdd} = 0 THEN CAST(size AS BIGINT) END AS size_m,
    CASE WHEN meta & ${M.sizeOdd} = 0 THEN CAST(${bits(M.sizeScaleShift, 63)} AS UTINYINT) END AS size_s,
    CASE WHEN meta & ${M.sizeOdd} <> 0 THEN odd_size END AS size_text,
    ${FLAGS_SQL} AS flags,
    CASE WHEN ${TICK} = ${M.tickOdd} THEN odd_tick END AS tick_text
  FROM k
)`

const COLUMNS =
  'category, symbol, trade_num, trade_uuid, trade_text, ts, received_delta, seq, ' +
  'price_m, price_s, price_text, size_m, size_s, size_text, flags, tick_text'

/**
 * The staged batch into `trades` when none of it can be on disk: every trade is newer than its
 * symbol's newest on disk (a copy on disk has the same exchange time). Copies within the batch
 * were dropped before (batch-copies.ts); rows go in sorted by symbol and time, which compresses better than the feed's
 * interleaving.
 */
export const INSERT_NEW = `INSERT INTO trades ${ROWS}
SELECT ${COLUMNS} FROM r`

/**
 * As INSERT_NEW, without the trades already on disk: some are not newer than their symbol's
 * newest on disk (a backfill, a restart). Only disk rows in their time range ($1..$2) are read
 * (zone maps skip the rest of the file); a copy is the same category, symbol, time and id.
 */
export const INSERT_CHECKED = `INSERT INTO trades ${ROWS}, d AS (
  SELECT category, symbol, ts, trade_num, trade_uuid, trade_text FROM trades WHERE ts BETWEEN $1 AND $2
)
SELECT ${COLUMNS.split(', ')
  .map((c) => `r.${c}`)
  .join(', ')} FROM r ANTI JOIN d ON d.ts = r.ts AND d.category = r.category AND d.symbol = r.symbol
  AND d.trade_num IS NOT DISTINCT FROM r.trade_num AND d.trade_uuid IS NOT DISTINCT FROM r.trade_uuid
  AND d.trade_text IS NOT DISTINCT FROM r.trade_text
ORDER BY r.sym, r.ts, r.received_delta`
