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
})
