// Retention: trades older than N days go, and while the file holds more than N GB the oldest go
// too. Deleted rows free their blocks at the next checkpoint (run here), which the file reuses;
// DuckDB shrinks the file itself when the freed blocks are at its end.

import type { DuckDBConnection } from '@duckdb/node-api'
import { queryTable, queryUsedBytes } from './queries'

export interface RetentionLimits {
  days: number
  gb: number
}

export interface RetentionResult {
  byAge: number
  bySize: number
  /** Bytes in use in the file after the run. */
  usedBytes: number
}

const DAY_MS = 86_400_000

/** Bytes per GB as `--retention-gb` means it (10⁹). A limit of 0 (days or GB) is no limit. */
export const GB = 1_000_000_000

/** The size the oldest rows are deleted down to: a margin under the limit, so it is not hit again at once. */
const SIZE_TARGET = 0.9

const MAX_SIZE_PASSES = 4

/** Deletes the oldest rows that hold about `used - target` bytes; returns how many. */
async function deleteOldest(conn: DuckDBConnection, used: number, target: number): Promise<number> {
  const { rows } = await queryTable(conn)
  if (rows === 0) return 0
  const excess = Math.min(rows, Math.ceil((used - target) / (used / rows)))
  // The time of the excess-th oldest row: everything before it goes (ties at that time stay).
  const r = await conn.runAndReadAll(`SELECT ts FROM trades ORDER BY ts LIMIT 1 OFFSET ${excess - 1}`)
  const row = r.getRows()[0]
  if (!row) return 0
  const cutoff = Number(row[0] as bigint) + 1
  return Number((await conn.run(`DELETE FROM trades WHERE ts < ${cutoff}`)).rowsChanged)
}

export async function enforceRetentionOn(
  conn: DuckDBConnection,
  limits: RetentionLimits,
  now: number
): Promise<RetentionResult> {
  let byAge = 0
  if (limits.days > 0) {
    const cutoff = Math.floor(now - limits.days * DAY_MS)
    byAge = Number((await conn.run(`DELETE FROM trades WHERE ts < ${cutoff}`)).rowsChanged)
  }
  // Into the blocks with what the WAL holds, so the blocks in use are the whole size.
  await conn.run('CHECKPOINT')
  let bySize = 0
  let used = await queryUsedBytes(conn)
  const limit = limits.gb * GB
  // A delete frees the blocks of the row groups it empties; one that it only thins keeps them, so a
  // second pass may be needed (it empties that row group, a few MB at most beyond the target).
  for (let pass = 0; limits.gb > 0 && used > limit && pass < MAX_SIZE_PASSES; pass++) {
    const deleted = await deleteOldest(conn, used, limit * SIZE_TARGET)
    if (deleted === 0) break
    bySize += deleted
    await conn.run('CHECKPOINT')
    used = await queryUsedBytes(conn)
  }
  return { byAge, bySize, usedBytes: used }
}
