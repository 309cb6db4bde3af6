// The gap ledger's rule, on a real DuckDB: a gap's row is in the file before any trade queued after
// it opened, and leaves only once every trade queued before it ended is on disk; a batch given up
// leaves its gaps open; the tier writes the marks with its batches and on their own when nothing is
// queued.

import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api'
import { afterEach, describe, expect, it } from 'vitest'
import { openDurableTier, type DuckDbDurableTier, type DurableOptions } from '../../src/main/core/durable/duckdb-tier'
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

/** A tier on a fresh temp dir that writes only when a test flushes or drains it. */
const quietTier = (extra: Partial<DurableOptions> = {}): Promise<DuckDbDurableTier> =>
  openDurableTier({ dataDir: tempDataDir(), retentionDays: 0, retentionGb: 0, flushIntervalMs: 3_600_000, ...extra })

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

  it('a restart gap ends with the gaps it took over; trades lost open a gap of their own that reaches back', async () => {
    const conn = await ledgerDb()
    const ledger = new GapLedger()
    ledger.place(open(1), 0)
    ledger.place(open(2), 0)
    ledger.place(open(3), 0)
    ledger.place(end(3, 1), 4)
    ledger.place(end(), 4) // nothing to end: no statement
    ledger.place(open(Number.NaN), 4) // never a row that cannot be read back
    ledger.lost('linear', 'ETHUSDT', 7000, 5)
    ledger.lost('linear', 'ETHUSDT', 9000, 6) // later than the gap already open: nothing new
    ledger.lost('linear', 'ETHUSDT', 6000, 7) // earlier: the same gap reaches back
    expect(ledger.pending).toBe(6)
    await ledger.writeAfter(conn, 10, 1)
    const rows = await queryOpenGaps(conn)
    expect(rows.map((g) => [g.symbol, g.from, g.cause])).toEqual([
      ['BTCUSDT', 2000, 'disconnect'],
      ['ETHUSDT', 6000, 'not_persisted']
    ])
  })

  it('the tier writes the marks in step with its batches, and alone when nothing is queued', async () => {
    const tier = await quietTier()
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

  it('an end waiting behind other work is not written ahead of trades queued meanwhile', async () => {
    const tier = await quietTier()
    tier.markGap(open(1))
    expect(await tier.drain()).toBe(true)
    tier.markGap(open(2))
    // The writer's chain is busy (retention); the flush for gap 2 waits behind it.
    const busy = tier.enforceRetention()
    const flushing = tier.flush()
    tier.enqueue(trade({ tradeId: 'backfilled', timestamp: 1500, backfilled: true }))
    tier.markGap(end(1))
    await Promise.all([busy, flushing])
    expect((await tier.openGaps()).map((g) => g.gapId)).toEqual([1, 2])
    expect(tier.stats()).toMatchObject({ queue_depth: 1, rows_on_disk: 0 })
    expect(await tier.drain()).toBe(true)
    expect((await tier.openGaps()).map((g) => g.gapId)).toEqual([2])
    await tier.close()
  })

  it('a trade a full queue refuses leaves a not_persisted gap from its time; many marks go in a few statements', async () => {
    const tier = await quietTier({
      queueCapacity: 2
    })
    tier.enqueue(trade({ tradeId: 'a', timestamp: 1000 }))
    tier.enqueue(trade({ tradeId: 'b', timestamp: 2000 }))
    tier.enqueue(trade({ tradeId: 'c', timestamp: 3000 })) // refused
    tier.enqueue(trade({ tradeId: 'd', timestamp: 4000 })) // refused, later: the same gap
    for (let id = 1; id <= 1200; id++) tier.markGap(open(id, id))
    for (let id = 1; id <= 1100; id++) tier.markGap(end(id))
    expect(await tier.drain()).toBe(true)
    expect(tier.stats()).toMatchObject({ persisted: 2, not_persisted: 2 })
    const gaps = await tier.openGaps()
    expect(gaps.filter((g) => g.cause === 'not_persisted').map((g) => [g.symbol, g.from])).toEqual([['BTCUSDT', 3000]])
    expect(gaps.filter((g) => g.cause === 'disconnect').map((g) => g.gapId)).toEqual(
      Array.from({ length: 100 }, (_, i) => 1101 + i)
    )
    await tier.close()
  })

  it('trades given up leave a not_persisted gap from their oldest', async () => {
    let failures = 3
    const tier = await quietTier({
      batchMax: 2048,
      queueCapacity: 3000,
      beforeWrite: () => {
        if (failures-- > 0) throw new Error('the test fails this write')
      }
    })
    // A gap whose backfill straddles two batches: the first is given up after three tries.
    tier.markGap(open(1, 1000))
    for (let i = 0; i < 3001; i++) tier.enqueue(trade({ tradeId: `b${i}`, timestamp: 1000 + i, backfilled: true }))
    tier.markGap(end(1))
    expect(await tier.drain(15_000)).toBe(true)
    expect(tier.stats()).toMatchObject({ persisted: 952, not_persisted: 2049, queue_depth: 0 })
    const gaps = await tier.openGaps()
    expect(gaps.map((g) => [g.symbol, g.from, g.cause])).toEqual([['BTCUSDT', 1000, 'not_persisted']])
    await tier.close()
  })
})
