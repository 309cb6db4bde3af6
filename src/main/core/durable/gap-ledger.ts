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

/** Rows per statement: bounded parameter lists. */
const ROWS_PER_STATEMENT = 500
const INT32_MAX = 2_147_483_647

const keyOf = (k: GapKey): string => `${k.run}\u0000${k.gapId}`

/**
 * Due marks folded into what the table must end up as: the rows to insert (a later open of a key
 * replaces an earlier one) and the keys to delete (an ended key never opens again).
 */
function fold(marks: readonly GapMark[]): { rows: Map<string, GapMark & { op: 'open' }>; gone: Map<string, GapKey> } {
  const rows = new Map<string, GapMark & { op: 'open' }>()
  const gone = new Map<string, GapKey>()
  for (const m of marks) {
    if (m.op === 'open') rows.set(keyOf(m.gap), m)
    else
      for (const k of m.keys) {
        rows.delete(keyOf(k))
        gone.set(keyOf(k), k)
      }
  }
  return { rows, gone }
}

/** Inserts first, then deletes: a row replacing another (a restart gap, a lost batch) is in before the old one goes. */
async function apply(conn: DuckDBConnection, marks: readonly GapMark[], now: number): Promise<void> {
  const { rows, gone } = fold(marks)
  const opens = [...rows.values()]
  for (let i = 0; i < opens.length; i += ROWS_PER_STATEMENT) {
    const values: DuckDBValue[] = []
    const tuples = opens.slice(i, i + ROWS_PER_STATEMENT).map(({ gap: g }) => {
      values.push(g.run, g.gapId, g.category, g.symbol, BigInt(Math.floor(g.from)), g.cause, BigInt(Math.floor(now)))
      const n = values.length
      return `($${n - 6}, $${n - 5}, $${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}, $${n})`
    })
    await conn.run(`INSERT OR REPLACE INTO mdm_open_gaps VALUES ${tuples.join(', ')}`, values)
  }
  const keys = [...gone.values()]
  for (let i = 0; i < keys.length; i += ROWS_PER_STATEMENT) {
    const values: DuckDBValue[] = []
    const tuples = keys.slice(i, i + ROWS_PER_STATEMENT).map((k) => {
      values.push(k.run, k.gapId)
      return `($${values.length - 1}, $${values.length})`
    })
    await conn.run(
      `DELETE FROM mdm_open_gaps USING (VALUES ${tuples.join(', ')}) AS k(run, gap_id) ` +
        'WHERE mdm_open_gaps.run = k.run AND mdm_open_gaps.gap_id = k.gap_id',
      values
    )
  }
}

const validId = (id: number): boolean => Number.isInteger(id) && id >= 0 && id <= INT32_MAX

/** Whether a mark can be written: ids the column holds, a finite start, something to end. */
function writable(mark: GapMark): boolean {
  if (mark.op === 'end') return mark.keys.length > 0 && mark.keys.every((k) => validId(k.gapId))
  return validId(mark.gap.gapId) && Number.isFinite(mark.gap.from)
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
   * (at < end), and every end whose trades are all on disk already (at <= start).
   */
  async writeBefore(conn: DuckDBConnection, start: number, end: number, now: number): Promise<void> {
    await this.write(conn, (p) => (p.mark.op === 'open' ? p.at < end : p.at <= start), now)
  }

  /** Once every trade queued before position `end` is on disk: every mark placed up to it. */
  async writeAfter(conn: DuckDBConnection, end: number, now: number): Promise<void> {
    await this.write(conn, (p) => p.at <= end, now)
  }

  /** The due marks in one pass (a few statements however many); they leave the list once written. */
  private async write(conn: DuckDBConnection, due: (p: Placed) => boolean, now: number): Promise<void> {
    const taken = this.waiting.filter(due)
    if (taken.length === 0) return
    await apply(
      conn,
      taken.map((p) => p.mark),
      now
    )
    const written = new Set(taken)
    for (let i = this.waiting.length - 1; i >= 0; i--) if (written.has(this.waiting[i])) this.waiting.splice(i, 1)
  }
}
