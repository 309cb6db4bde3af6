// The gaps whose backfill is not on disk yet, kept in the database file beside the trades, so a
// crash cannot hide a hole. A gap's row goes in before any trade queued after the gap opened, and
// comes out only once every trade queued before the gap ended is on disk (its backfill among them).
// On disk, then, a gap is open exactly while a hole may lie behind the newest trades: the next start
// begins its restart gap from the oldest open one, not from the newest trade on disk, and backfills
// what the crash lost there.
//
// Marks wait in the order they were made, each at a position in the write queue (how many trades
// had been queued before it): the writer writes, before a batch, the opens its trades come after,
// and an end once every trade queued before it is on disk. A batch given up (counted as not
// persisted) drops the ends up to it: their rows stay, and the next start backfills what was lost.

import type { DuckDBConnection } from '@duckdb/node-api'
import { lit } from './queries'

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

const keySql = (k: GapKey): string => `(run = ${lit(k.run)} AND gap_id = ${Math.floor(k.gapId)})`

function markSql(mark: GapMark, now: number): string {
  if (mark.op === 'end') return `DELETE FROM mdm_open_gaps WHERE ${mark.keys.map(keySql).join(' OR ')}`
  const g = mark.gap
  return (
    `INSERT OR REPLACE INTO mdm_open_gaps VALUES (${lit(g.run)}, ${Math.floor(g.gapId)}, ${lit(g.category)}, ` +
    `${lit(g.symbol)}, ${Math.floor(g.from)}, ${lit(g.cause)}, ${Math.floor(now)})`
  )
}

/** The marks not yet on disk, in the order they were made. */
export class GapLedger {
  private readonly waiting: Placed[] = []

  get pending(): number {
    return this.waiting.length
  }

  /** `at`: trades queued so far (the mark sits after them). */
  place(mark: GapMark, at: number): void {
    if (mark.op === 'end' && mark.keys.length === 0) return
    this.waiting.push({ mark, at })
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

  /** A batch ending at `end` was given up: the ends up to it are dropped (their gaps stay open on disk). */
  giveUp(end: number): void {
    for (let i = this.waiting.length - 1; i >= 0; i--) {
      const p = this.waiting[i]
      if (p.at <= end && p.mark.op === 'end') this.waiting.splice(i, 1)
    }
  }

  private async write(conn: DuckDBConnection, due: (p: Placed) => boolean, now: number): Promise<void> {
    for (let i = 0; i < this.waiting.length;) {
      const p = this.waiting[i]
      if (!due(p)) {
        i++
        continue
      }
      await conn.run(markSql(p.mark, now))
      this.waiting.splice(i, 1)
    }
  }
}
