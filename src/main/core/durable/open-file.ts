// Opens (or creates) the database file in the data dir. A corrupt file, or one that is not ours
// (not DuckDB, or DuckDB without our schema), is moved aside as `trades.duckdb.corrupt-<time>` with
// a log line and replaced by a fresh file: never deleted. A lock held by another process, a
// read-only or full disk are coded failures for the caller.

import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api'
import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import path from 'node:path'
import { persistError, PersistError } from './persist-errors'
import { createGapLedger } from './gap-ledger'
import { CREATE_SCHEMA, DB_FILE_NAME, SCHEMA_ID } from './schema'
import { CREATE_STAGING } from './staging-sql'

export interface OpenDb {
  instance: DuckDBInstance
  /** Batches and retention, one at a time (queries open their own connections: DuckDB's MVCC). */
  writer: DuckDBConnection
  file: string
}

/** What the tier tells the log. */
export interface DurableLog {
  info(message: string, code?: 'persist_moved_aside' | 'persist_recovered' | 'persist_retention'): void
  warning(message: string, code?: string): void
  error(message: string, code?: string): void
}

export function dbFile(dataDir: string): string {
  return path.join(path.resolve(dataDir), DB_FILE_NAME)
}

function stamp(at: number): string {
  return new Date(at).toISOString().replace(/[:.]/g, '-')
}

/** Creates the data dir; its error names the path and the system's reason (EROFS, EACCES, …). */
function makeDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true })
  } catch (e) {
    // A recursive mkdir on a read-only mount says ENOENT; the plain one says why.
    let cause = e
    try {
      if (existsSync(path.dirname(dir))) mkdirSync(dir)
    } catch (direct) {
      cause = direct
    }
    throw persistError(cause, 'persist_read_only')
  }
}

/** Renames the file (and its WAL) aside; returns the new name. */
export function moveAside(file: string, at = Date.now()): string {
  const aside = `${file}.corrupt-${stamp(at)}`
  renameSync(file, aside)
  if (existsSync(`${file}.wal`)) renameSync(`${file}.wal`, `${aside}.wal`)
  return aside
}

/**
 * DuckDB checkpoints (folds the WAL into compressed blocks) when the WAL reaches this size. Its
 * default, 16 MB, checkpoints every ~200k trades and rewrites the last, partly filled row group
 * each time: worse compression and freed blocks left in the file. At 256 MB a checkpoint comes
 * every few million trades; a restart after a crash replays at most that much WAL.
 */
const CHECKPOINT_THRESHOLD = '256MB'

/**
 * DuckDB's threads: one core fewer than the machine has, at least one. With one per core its
 * writes compete with the event loop for the core ingest runs on; on the 2-core bench machine one
 * thread gave ingest with persistence on 0.38 of JSON.parse against 0.31 with two (performance.md).
 */
const DB_CONFIG = {
  checkpoint_threshold: CHECKPOINT_THRESHOLD,
  threads: String(Math.max(1, availableParallelism() - 1))
}

async function create(file: string): Promise<DuckDBInstance> {
  try {
    return await DuckDBInstance.create(file, DB_CONFIG)
  } catch (e) {
    throw persistError(e, 'persist_corrupt')
  }
}

/** Our schema id, 'empty' for a DuckDB file without tables, or null for someone else's file. */
async function schemaOf(conn: DuckDBConnection): Promise<string | null> {
  const tables = await conn.runAndReadAll(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' AND table_catalog = current_database()"
  )
  const names = tables.getRows().map((r) => String(r[0]))
  if (names.length === 0) return 'empty'
  if (!names.includes('mdm_meta')) return null
  const r = await conn.runAndReadAll("SELECT value FROM mdm_meta WHERE key = 'schema'")
  const row = r.getRows()[0]
  return row ? String(row[0]) : null
}

function closeQuietly(db: Partial<OpenDb>): void {
  try {
    db.writer?.closeSync()
  } catch {
    /* already closed or the database failed: nothing left to release */
  }
  try {
    db.instance?.closeSync()
  } catch {
    /* as above */
  }
}

/** The file's bytes on disk with its WAL (none right after a checkpoint). */
export function fileBytes(file: string): number {
  let bytes = 0
  for (const f of [file, `${file}.wal`]) {
    try {
      bytes += statSync(f).size
    } catch {
      /* no WAL right after a checkpoint */
    }
  }
  return bytes
}

export function closeDb(db: OpenDb): void {
  closeQuietly(db)
}

async function openOnce(file: string): Promise<OpenDb | 'foreign'> {
  const instance = await create(file)
  const partial: Partial<OpenDb> = { instance }
  try {
    const writer = (partial.writer = await instance.connect())
    const schema = await schemaOf(writer)
    if (schema !== 'empty' && schema !== SCHEMA_ID) {
      closeQuietly(partial)
      return 'foreign'
    }
    await writer.run(CREATE_SCHEMA)
    await createGapLedger(writer)
    await writer.run(CREATE_STAGING)
    return { instance, writer, file }
  } catch (e) {
    closeQuietly(partial)
    throw persistError(e)
  }
}

/**
 * Opens DATA_DIR/trades.duckdb, creating the dir and the file when missing. Throws a PersistError
 * (`persist_read_only`, `persist_locked`, `persist_disk_full`, …) when it cannot.
 */
export async function openDb(dataDir: string, log?: DurableLog): Promise<OpenDb> {
  const file = dbFile(dataDir)
  makeDir(path.dirname(file))
  let first: OpenDb | 'foreign'
  try {
    first = await openOnce(file)
  } catch (e) {
    if (!(e instanceof PersistError) || e.code !== 'persist_corrupt' || !existsSync(file)) throw e
    first = 'foreign'
    log?.warning(`Database file ${file} cannot be read: ${e.message}`, 'persist_corrupt')
  }
  if (first !== 'foreign') return first
  let aside: string
  try {
    aside = moveAside(file)
  } catch (e) {
    throw persistError(e, 'persist_read_only')
  }
  log?.info(
    `Database file ${file} is corrupt or not a Market Data Monitor database: moved aside to ${aside}; starting a fresh one`,
    'persist_moved_aside'
  )
  const fresh = await openOnce(file)
  if (fresh === 'foreign') throw new PersistError('persist_corrupt', `a fresh database at ${file} was not usable`)
  return fresh
}
