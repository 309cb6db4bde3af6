// Stored once: a trade offered again — in the same batch, in a later batch, after the file was
// closed and opened again (a restart whose backfill re-sends what was already written) — is not
// written twice, and each skipped copy is counted.

import { afterEach, describe, expect, it } from 'vitest'
import { openDurableTier } from '../../src/main/core/durable/duckdb-tier'
import { removeTempDirs, tempDataDir, trade } from './durable-support'

afterEach(removeTempDirs)

const opts = (dataDir: string) => ({ dataDir, retentionDays: 0, retentionGb: 0, flushIntervalMs: 20 })

describe('durable tier: a trade is stored once', () => {
  it('skips copies within a batch, across batches and across a reopen, and counts them', async () => {
    const dir = tempDataDir()
    const a = trade({ category: 'spot', symbol: 'BTCUSDC', tradeId: '2290000000090712222' })
    const b = trade()
    const c = trade({ tradeId: 'odd-id-1' })
    const tier = await openDurableTier(opts(dir))
    for (const t of [a, b, a, c, b]) tier.enqueue(t)
    expect(await tier.drain()).toBe(true)
    expect(tier.stats()).toMatchObject({ persisted: 3, duplicates_skipped: 2, rows_on_disk: 3 })
    // a later batch: the same trades again, as a backfill would send them, plus one new
    const d = trade()
    for (const t of [c, a, d]) tier.enqueue(t)
    expect(await tier.drain()).toBe(true)
    expect(tier.stats()).toMatchObject({ persisted: 4, duplicates_skipped: 4, rows_on_disk: 4 })
    await tier.close()

    const again = await openDurableTier(opts(dir))
    for (const t of [a, b, c, d, trade({ ...b, tradeId: b.tradeId, backfilled: true, quantity: b.quantityText })]) {
      again.enqueue(t)
    }
    expect(await again.drain()).toBe(true)
    expect(again.stats()).toMatchObject({ persisted: 0, duplicates_skipped: 5, rows_on_disk: 4 })
    const ids = (await again.range({ limit: 100 })).map((t) => `${t.category}:${t.tradeId}`)
    expect(ids.sort()).toEqual([a, b, c, d].map((t) => `${t.category}:${t.tradeId}`).sort())
    await again.close()
  })

  it('keeps trades that share an id across symbols or categories apart', async () => {
    const dir = tempDataDir()
    const tier = await openDurableTier(opts(dir))
    const id = '2290000000090799999'
    const trades = [
      trade({ category: 'spot', symbol: 'BTCUSDT', tradeId: id }),
      trade({ category: 'spot', symbol: 'ETHUSDT', tradeId: id }),
      trade({ category: 'linear', symbol: 'BTCUSDT', tradeId: id })
    ]
    for (const t of trades) tier.enqueue(t)
    expect(await tier.drain()).toBe(true)
    expect(tier.stats()).toMatchObject({ persisted: 3, duplicates_skipped: 0 })
    await tier.close()
  })

  it('drops copies within a batch that spans many segments, and checks older trades against the disk', async () => {
    const dir = tempDataDir()
    const tier = await openDurableTier({ ...opts(dir), flushIntervalMs: 60_000, batchMax: 100_000 })
    const first = Array.from({ length: 5000 }, (_, i) => trade({ symbol: i % 2 ? 'ETHUSDT' : 'BTCUSDT' }))
    // one batch: every trade twice, the copies 5,000 trades (three segments) after their originals
    for (const t of [...first, ...first]) tier.enqueue(t)
    expect(await tier.drain()).toBe(true)
    expect(tier.stats()).toMatchObject({ persisted: 5000, duplicates_skipped: 5000, rows_on_disk: 5000 })
    // older than what is on disk (a backfill): new ones go in, the copies among them do not
    const older = Array.from({ length: 300 }, (_, i) => trade({ timestamp: first[0].timestamp - 1000 + i }))
    for (const t of [...older, ...first.slice(0, 200)]) tier.enqueue(t)
    expect(await tier.drain()).toBe(true)
    expect(tier.stats()).toMatchObject({ persisted: 5300, duplicates_skipped: 5200, rows_on_disk: 5300 })
    // the same time as the newest on disk, a different id: a trade of its own
    const newest = first[first.length - 1]
    tier.enqueue(trade({ symbol: newest.symbol, timestamp: newest.timestamp }))
    expect(await tier.drain()).toBe(true)
    expect(tier.stats()).toMatchObject({ persisted: 5301, rows_on_disk: 5301 })
    await tier.close()
  })
})
