// The gap ledger's rule, on a real DuckDB: a gap's row is in the file before any trade queued after
// it opened, and leaves only once every trade queued before it ended is on disk; a batch given up
// leaves its gaps open; the tier writes the marks with its batches and on their own when nothing is
// queued.

import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api'
import { afterEach, describe, expect, it } from 'vitest'
import { openDurableTier } from '../../src/main/core/durable/duckdb-tier'
import { createGapLedger, GapLedger, queryOpenGaps, type GapMark } from '../../src/main/core/durable/gap-ledger'
import { removeTempDirs, tempDataDir, trade } from './durable-support'

afterEach(removeTempDirs)

const open = (gapId: number, from = 1000 * gapId): GapMark => ({
  op: 'open',
  gap: { run: 'r1', gapId, category: 'linear', symbol: 'BTCUSDT', from, cause: 'disconnect' }
})
const end = (...gapIds: number[]): GapMark => ({ op: 'end', keys: gapIds.map((gapId) => ({ run: 'r1', gapId })) })

async function ledgerDb(): Promise<DuckDBConnection> {
  const conn = await (await DuckDBInstance.create(':memory:')).connect()
  await createGapLedger(conn)
  return conn
}

const onDisk = async (conn: DuckDBConnection): Promise<number[]> => (await queryOpenGaps(conn)).map((g) => g.gapId)

describe('the gap ledger', () => {
  it('before a batch: the opens its trades come after and the ends already due; after it: the rest up to its end', async () => {
    const conn = await ledgerDb()
    const ledger = new GapLedger()
    ledger.place(open(1), 0)
    ledger.place(end(1), 5) // gap 1 ends after trade 4: its backfill is trades 0–4
    ledger.place(open(2), 6) // gap 2 opens before trade 6
    ledger.place(open(3), 12) // beyond the batch
    // The batch of trades 3–9: gap 2's open must be in before it, gap 1's end must wait for it.
    await ledger.writeBefore(conn, 3, 10, 1)
    expect(await onDisk(conn)).toEqual([1, 2])
    await ledger.writeAfter(conn, 10, 2)
    expect(await onDisk(conn)).toEqual([2])
    expect(ledger.pending).toBe(1)
    await ledger.writeAfter(conn, 12, 3)
    expect(await onDisk(conn)).toEqual([2, 3])
    expect((await queryOpenGaps(conn))[0]).toEqual({
      run: 'r1',
      gapId: 2,
      category: 'linear',
      symbol: 'BTCUSDT',
      from: 2000,
      cause: 'disconnect',
      openedAt: 1
    })
  })

  it('a restart gap ends with the gaps it took over; a batch given up keeps its gaps open', async () => {
    const conn = await ledgerDb()
    const ledger = new GapLedger()
    ledger.place(open(1), 0)
    ledger.place(open(2), 0)
    ledger.place(open(3), 0)
    await ledger.writeAfter(conn, 0, 1)
    ledger.place(end(3, 1), 4)
    ledger.place(end(2), 8)
    ledger.giveUp(6) // trades 0–5 given up: gap 3's backfill is not on disk
    await ledger.writeAfter(conn, 10, 2)
    expect(await onDisk(conn)).toEqual([1, 3])
    ledger.place(end(), 10) // nothing to end: no statement
    expect(ledger.pending).toBe(0)
  })

  it('the tier writes the marks in step with its batches, and alone when nothing is queued', async () => {
    const tier = await openDurableTier({
      dataDir: tempDataDir(),
      retentionDays: 0,
      retentionGb: 0,
      flushIntervalMs: 3_600_000
    })
    tier.enqueue(trade({ tradeId: 'a', timestamp: 1000 }))
    tier.markGap(open(1, 1000))
    tier.enqueue(trade({ tradeId: 'b', timestamp: 3000 }))
    tier.enqueue(trade({ tradeId: 'c', timestamp: 2000, backfilled: true }))
    tier.markGap(end(1))
    tier.markGap(open(2, 3000))
    expect(await tier.drain()).toBe(true)
    expect((await tier.openGaps()).map((g) => [g.gapId, g.from])).toEqual([[2, 3000]])
    tier.markGap(end(2))
    expect(await tier.drain()).toBe(true)
    expect(await tier.openGaps()).toEqual([])
    expect(tier.stats()).toMatchObject({ persisted: 3, queue_depth: 0 })
    await tier.close()
  })
})
