// A disk that fails never throws into the engine: the failure is a coded error, the trades that
// could not be written stay queued (or are counted), the writer retries and resumes once the cause
// is gone. A corrupt or foreign file is moved aside with a log line, never deleted; a file held by
// another process is refused with DuckDB's words and that process's pid.

import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { afterEach, describe, expect, it } from 'vitest'
import { openDurableTier } from '../../src/main/core/durable/duckdb-tier'
import { PersistError } from '../../src/main/core/durable/persist-errors'
import { startScript } from '../support/child-script'
import { waitFor } from '../support/wait-for'
import { recordingLog, removeTempDirs, tempDataDir, trade } from './durable-support'
import { mountTmpfs, TMPFS_UNAVAILABLE } from './tmpfs'

afterEach(removeTempDirs)

const base = { retentionDays: 0, retentionGb: 0, flushIntervalMs: 20 }

async function openError(p: Promise<unknown>): Promise<PersistError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err
  )
  expect(e).toBeInstanceOf(PersistError)
  return e as PersistError
}

describe('durable tier: a failing disk', () => {
  it('counts an injected ENOSPC at the writer, keeps the trades queued and resumes', async () => {
    let full = true
    const log = recordingLog()
    const tier = await openDurableTier({
      ...base,
      dataDir: tempDataDir(),
      log,
      beforeWrite: () => {
        if (full) throw Object.assign(new Error('No space left on device'), { code: 'ENOSPC' })
      }
    })
    const trades = Array.from({ length: 50 }, () => trade())
    for (const t of trades) tier.enqueue(t)
    await waitFor(() => tier.stats().state === 'failing', { what: 'the tier to report the failure' })
    expect(tier.stats()).toMatchObject({ persisted: 0, queue_depth: 50, last_error: { code: 'persist_disk_full' } })
    expect(tier.stats().lag_ms).toBeGreaterThanOrEqual(0)
    expect(log.lines).toContainEqual(expect.objectContaining({ level: 'ERROR', code: 'persist_disk_full' }))
    full = false
    await waitFor(() => tier.stats().persisted === 50, { what: 'the queued trades to be written', timeoutMs: 15_000 })
    expect(tier.stats()).toMatchObject({ state: 'ok', queue_depth: 0, not_persisted: 0, rows_on_disk: 50 })
    expect(log.lines).toContainEqual(expect.objectContaining({ code: 'persist_recovered' }))
    await tier.close()
  })

  it.skipIf(TMPFS_UNAVAILABLE !== null)(
    `fills a real tmpfs, counts what the queue cannot hold, and resumes when space returns${TMPFS_UNAVAILABLE ? ` (skipped: ${TMPFS_UNAVAILABLE})` : ''}`,
    async () => {
      const fs = mountTmpfs('size=3m')
      try {
        const tier = await openDurableTier({ ...base, dataDir: path.join(fs.dir, 'data'), queueCapacity: 60_000 })
        const trades = Array.from({ length: 100_000 }, () => trade())
        for (const t of trades) tier.enqueue(t)
        // enqueue never throws and never waits: what the queue cannot take is counted at once
        expect(tier.stats().not_persisted).toBe(40_000)
        await waitFor(() => tier.stats().last_error?.code === 'persist_disk_full', {
          what: 'the disk to fill',
          timeoutMs: 30_000
        })
        fs.remount('size=64m')
        expect(await tier.drain(60_000)).toBe(true)
        const s = tier.stats()
        expect(s.state).toBe('ok')
        // every trade accounted for: written or counted, none twice
        expect(s.persisted + s.not_persisted).toBe(100_000)
        expect(s.rows_on_disk).toBe(s.persisted)
        await tier.close()
      } finally {
        fs.unmount()
      }
    },
    120_000
  )

  it.skipIf(TMPFS_UNAVAILABLE !== null)(
    `refuses a read-only data dir with a coded one-line error, or retries until it is writable${TMPFS_UNAVAILABLE ? ` (skipped: ${TMPFS_UNAVAILABLE})` : ''}`,
    async () => {
      const fs = mountTmpfs('size=8m,ro')
      try {
        const dataDir = path.join(fs.dir, 'data')
        const e = await openError(openDurableTier({ ...base, dataDir }))
        expect(e.code).toBe('persist_read_only')
        expect(e.message).toMatch(/read-only file system/i)
        expect(e.message).not.toContain('\n')

        const tier = await openDurableTier({ ...base, dataDir, onOpenFailure: 'retry' })
        expect(tier.stats()).toMatchObject({ state: 'failing', last_error: { code: 'persist_read_only' } })
        for (let i = 0; i < 10; i++) tier.enqueue(trade())
        await expect(tier.range({})).rejects.toMatchObject({ code: 'persist_read_only' })
        fs.remount('rw')
        await waitFor(() => tier.stats().persisted === 10, { what: 'the writer to resume', timeoutMs: 15_000 })
        expect(tier.stats()).toMatchObject({ state: 'ok', not_persisted: 0 })
        await tier.close()
      } finally {
        fs.unmount()
      }
    },
    60_000
  )

  it('moves a corrupt file aside with a log line and starts a fresh one', async () => {
    const dataDir = tempDataDir()
    const tier = await openDurableTier({ ...base, dataDir })
    for (let i = 0; i < 100; i++) tier.enqueue(trade())
    await tier.drain()
    await tier.close()
    const file = path.join(dataDir, 'trades.duckdb')
    const bytes = readFileSync(file)
    bytes.fill(0x55, 4096, 4096 + 8192) // both database headers: their checksums no longer match
    writeFileSync(file, bytes)

    const log = recordingLog()
    const fresh = await openDurableTier({ ...base, dataDir, log })
    expect(fresh.stats()).toMatchObject({ state: 'ok', rows_on_disk: 0 })
    const aside = readdirSync(dataDir).filter((f) => /^trades\.duckdb\.corrupt-[\dTZ-]+$/.test(f))
    expect(aside).toHaveLength(1)
    expect(readFileSync(path.join(dataDir, aside[0]))).toEqual(bytes)
    const moved = log.lines.find((l) => l.code === 'persist_moved_aside')
    expect(moved?.message).toContain(aside[0])
    fresh.enqueue(trade())
    expect(await fresh.drain()).toBe(true)
    expect(fresh.stats().rows_on_disk).toBe(1)
    await fresh.close()
  })

  it('moves a foreign file aside: not DuckDB at all, or DuckDB without our schema', async () => {
    const notDuck = tempDataDir()
    writeFileSync(path.join(notDuck, 'trades.duckdb'), 'these are my notes, not a database\n')
    const log = recordingLog()
    const a = await openDurableTier({ ...base, dataDir: notDuck, log })
    expect(log.lines.map((l) => l.code)).toContain('persist_moved_aside')
    const kept = readdirSync(notDuck).find((f) => f.startsWith('trades.duckdb.corrupt-')) ?? ''
    expect(readFileSync(path.join(notDuck, kept), 'utf8')).toBe('these are my notes, not a database\n')
    await a.close()

    const otherDb = tempDataDir()
    const other = await DuckDBInstance.create(path.join(otherDb, 'trades.duckdb'))
    const conn = await other.connect()
    await conn.run(
      "CREATE TABLE budget (month VARCHAR, amount DECIMAL(10,2)); INSERT INTO budget VALUES ('may', 12.50)"
    )
    conn.closeSync()
    other.closeSync()
    const b = await openDurableTier({ ...base, dataDir: otherDb })
    expect(b.stats().rows_on_disk).toBe(0)
    expect(readdirSync(otherDb).some((f) => f.startsWith('trades.duckdb.corrupt-'))).toBe(true)
    await b.close()
  })

  it('refuses a file another process holds, naming its pid, and the holder keeps working', async () => {
    const dataDir = tempDataDir()
    mkdirSync(dataDir, { recursive: true })
    const holder = startScript('tests/durable/hold-db-child.ts', [dataDir])
    try {
      await waitFor(() => holder.out().includes('ready'), { what: 'the child to open the file', timeoutMs: 30_000 })
      const e = await openError(openDurableTier({ ...base, dataDir }))
      expect(e.code).toBe('persist_locked')
      expect(e.message).toContain(`the data dir is in use by another engine (pid ${holder.child.pid})`)
      expect(e.message).toMatch(/lock/i)
      expect(readdirSync(dataDir).filter((f) => f.includes('corrupt'))).toEqual([])
    } finally {
      await holder.stop()
    }
    expect(holder.err()).toBe('')
    // once the holder is gone the file opens, intact
    const tier = await openDurableTier({ ...base, dataDir })
    expect(tier.stats().state).toBe('ok')
    await tier.close()
    expect(existsSync(path.join(dataDir, 'trades.duckdb'))).toBe(true)
  }, 60_000)
})
