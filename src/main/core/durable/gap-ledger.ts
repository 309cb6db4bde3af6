// The gaps whose backfill is not on disk yet, kept in the database file beside the trades, so a
// crash cannot hide a hole. A gap's row goes in before any trade queued after the gap opened, and
// comes out only once every trade queued before the gap ended is on disk (its backfill among them).
// On disk, then, a gap is open exactly while a hole may lie behind the newest trades: the next start
// begins its restart gap from the oldest open one, not from the newest trade on disk, and backfills
// what the crash lost there.
//
// Marks wait in the order they were made, each at a position in the write queue (how many trades
// had been queued before it): the writer writes, before a batch, the opens its trades come after,
// and an end once every trade queued before it is on disk (or counted as not persisted). Trades the
// tier could not persist (a full queue, a batch given up) open a gap of their own, cause
// `not_persisted`, that no end closes in this run: the next start backfills what was lost.

import type { DuckDBConnection } from '@duckdb/node-api'
import type { DuckDBValue } from '@duckdb/node-api'
import { randomUUID } from 'node:crypto'

/** A gap in the ledger: the run that opened it and its id there. */
export interface GapKey {
  run: string
  gapId: number
}

export interface OpenGapRow extends GapKey {
  category: string
  symbol: string
  /** Exchange time the gap starts at (the last trade before it). */
  from: number
  cause: string
  /** Local time it was written. */
  openedAt: number
}

export type GapMark =
  | { op: 'open'; gap: Omit<OpenGapRow, 'openedAt'> }
  /** The gap's own key and those of earlier runs' gaps it took over (a restart gap). */
  | { op: 'end'; keys: readonly GapKey[] }

interface Placed {
  mark: GapMark
  /** Trades queued before the mark. */
  at: number
}

const CREATE = `
CREATE TABLE IF NOT EXISTS mdm_open_gaps (
  run VARCHAR NOT NULL,
  gap_id INTEGER NOT NULL,
  category VARCHAR NOT NULL,
  symbol VARCHAR NOT NULL,
  from_ts BIGINT NOT NULL,
  cause VARCHAR NOT NULL,
  opened_at BIGINT NOT NULL,
  PRIMARY KEY (run, gap_id)
)`

export async function createGapLedger(conn: DuckDBConnection): Promise<void> {
  await conn.run(CREATE)
}

/** Every gap open on disk, oldest first. */
export async function queryOpenGaps(conn: DuckDBConnection): Promise<OpenGapRow[]> {
  const rows = await conn.runAndReadAll(
    'SELECT run, gap_id, category, symbol, from_ts, cause, opened_at FROM mdm_open_gaps ORDER BY from_ts, run, gap_id'
  )
  return rows.getRows().map(([run, gapId, category, symbol, from, cause, openedAt]) => ({
    run: String(run),
    gapId: Number(gapId),
    category: String(category),
    symbol: String(symbol),
    from: Number(from),
    cause: String(cause),
    openedAt: Number(openedAt)
  }))
}

/** The statement a mark is, with its values bound (never spliced into the text). */
function markStatement(mark: GapMark, now: number): { sql: string; values: DuckDBValue[] } {
  if (mark.op === 'end') {
    const values: DuckDBValue[] = []
    const keys = mark.keys.map((k) => {
      values.push(k.run, Math.floor(k.gapId))
      return `(run = $${values.length - 1} AND gap_id = $${values.length})`
    })
    return { sql: `DELETE FROM mdm_open_gaps WHERE ${keys.join(' OR ')}`, values }
  }
  const g = mark.gap
  return {
    sql: 'INSERT OR REPLACE INTO mdm_open_gaps VALUES ($1, $2, $3, $4, $5, $6, $7)',
    values: [
      g.run,
      Math.floor(g.gapId),
      g.category,
      g.symbol,
      BigInt(Math.floor(g.from)),
      g.cause,
      BigInt(Math.floor(now))
    ]
  }
}

/** Whether a mark can be written: finite numbers, something to end. */
function writable(mark: GapMark): boolean {
  if (mark.op === 'end') return mark.keys.length > 0 && mark.keys.every((k) => Number.isSafeInteger(k.gapId))
  return Number.isSafeInteger(mark.gap.gapId) && Number.isFinite(mark.gap.from)
}

/** The marks not yet on disk, in the order they were made. */
export class GapLedger {
  private readonly waiting: Placed[] = []
  /** Per category and symbol: its `not_persisted` gap (ids of this ledger's own run). */
  private readonly lostGaps = new Map<string, Map<string, { gapId: number; from: number }>>()
  private lostCount = 0
  private readonly lostRun = randomUUID()

  get pending(): number {
    return this.waiting.length
  }

  /** `at`: trades queued so far (the mark sits after them). */
  place(mark: GapMark, at: number): void {
    if (writable(mark)) this.waiting.push({ mark, at })
  }

  /**
   * Trades of a symbol lost to the file from exchange time `from` on: its `not_persisted` gap, opened
   * or reaching back. Called for every trade a full queue refuses: no allocation unless it moves.
   */
  lost(category: string, symbol: string, from: number, at: number): void {
    let bySymbol = this.lostGaps.get(category)
    if (!bySymbol) this.lostGaps.set(category, (bySymbol = new Map()))
    const known = bySymbol.get(symbol)
    if (known && known.from <= from) return
    const gapId = known?.gapId ?? ++this.lostCount
    bySymbol.set(symbol, { gapId, from })
    this.place({ op: 'open', gap: { run: this.lostRun, gapId, category, symbol, from, cause: 'not_persisted' } }, at)
  }

  /**
   * Before writing the batch of queue positions [start, end): every open a trade of it comes after
   * (at < end), and every end whose trades are all on disk already (at <= start). In the order made,
   * so a gap's open goes in before its end.
   */
  async writeBefore(conn: DuckDBConnection, start: number, end: number, now: number): Promise<void> {
    await this.write(conn, (p) => (p.mark.op === 'open' ? p.at < end : p.at <= start), now)
  }

  /** Once every trade queued before position `end` is on disk: every mark placed up to it. */
  async writeAfter(conn: DuckDBConnection, end: number, now: number): Promise<void> {
    await this.write(conn, (p) => p.at <= end, now)
  }

  private async write(conn: DuckDBConnection, due: (p: Placed) => boolean, now: number): Promise<void> {
    for (let i = 0; i < this.waiting.length;) {
      const p = this.waiting[i]
      if (!due(p)) {
        i++
        continue
      }
      const { sql, values } = markStatement(p.mark, now)
      await conn.run(sql, values)
      this.waiting.splice(i, 1)
    }
  }
}
