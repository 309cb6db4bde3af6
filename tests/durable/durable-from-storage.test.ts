// The path ingest takes: the storage stores a trade, packs it into a ring chunk, and hands the
// chunk and offset to the durable tier, which copies the packed columns instead of packing the
// trade again. What comes back from disk is what the exchange sent, for every kind of value, from
// ring chunks of every size (they grow from 32 slots) and after the ring evicted the trade.

import { afterEach, describe, expect, it } from 'vitest'
import { openDurableTier } from '../../src/main/core/durable/duckdb-tier'
import { TradeStorage } from '../../src/main/core/storage/trade-storage'
import { removeTempDirs, seen, tempDataDir, trade } from './durable-support'

afterEach(removeTempDirs)

describe('durable tier: fed by the storage', () => {
  it('writes exactly what was stored, copied from the ring chunks', async () => {
    const tier = await openDurableTier({ dataDir: tempDataDir(), retentionDays: 0, retentionGb: 0 })
    const storage = new TradeStorage({ maxTradesPerSymbol: 100 })
    let handed = 0
    storage.onStored((t, packed, slot) => {
      handed++
      tier.enqueue(t, packed, slot)
    })
    const kinds: ((i: number) => ReturnType<typeof trade>)[] = [
      () => trade(),
      (i) => trade({ category: 'spot', symbol: 'BTCUSDC', tradeId: String(2290000000090712222n + BigInt(i)) }),
      (i) => trade({ tradeId: `1234567890123456789012${String(i).padStart(3, '0')}` }),
      (i) => trade({ tradeId: `odd-${i}`, price: '00.5', quantity: '12345678901234567890.5' }),
      () => trade({ tickDirection: 'SomethingNew', seq: undefined, isBlockTrade: true, backfilled: true }),
      () => trade({ price: '0.00001000', quantity: '1000000.000000', isRpi: true })
    ]
    const sent = Array.from({ length: 600 }, (_, i) => kinds[i % kinds.length](i))
    for (const t of sent) expect(storage.store(t)).toBe('stored')
    expect(handed).toBe(sent.length)
    expect(await tier.drain()).toBe(true)
    expect(tier.stats()).toMatchObject({ persisted: sent.length, not_persisted: 0, duplicates_skipped: 0 })
    const back = (await tier.range({ limit: 1000 })).reverse()
    expect(back.map(seen)).toEqual(sent.map(seen))
    await tier.close()
  })
})
