// Recycled write-queue segments: finding copies in a batch must not depend on id words an id's kind
// does not write (a recycled segment keeps the previous trade's words there), and every kind of id
// and odd value comes back exactly from any row of any segment.

import { afterEach, describe, expect, it } from 'vitest'
import { openDurableTier } from '../../src/main/core/durable/duckdb-tier'
import { removeTempDirs, seen, tempDataDir, trade } from './durable-support'

afterEach(removeTempDirs)

const opts = (dataDir: string) => ({ dataDir, retentionDays: 0, retentionGb: 0, flushIntervalMs: 60_000 })

describe('durable tier: copies in a batch of a recycled segment', () => {
  // first batch: two trades fill slots 0 and 1 of a segment; the second batch, in the recycled
  // segment, holds one trade twice, in the same slots, with a kind of id that writes other words
  it.each([
    [
      'a numeric id',
      'UUIDs',
      ['11111111-2222-3333-4444-555555555555', '66666666-7777-8888-9999-aaaaaaaaaaaa'],
      '2290000000090712222'
    ],
    ['an odd id', 'numeric ids', ['123', '456'], 'odd-id-1']
  ])('finds %s twice in a batch whose slots held %s before', async (_kind, _before, firstIds, twiceId) => {
    const tier = await openDurableTier(opts(tempDataDir()))
    for (const tradeId of firstIds) tier.enqueue(trade({ tradeId }))
    expect(await tier.drain()).toBe(true)
    const a = trade({ tradeId: twiceId })
    tier.enqueue(a)
    tier.enqueue(a)
    expect(await tier.drain()).toBe(true)
    expect(tier.stats()).toMatchObject({ persisted: 3, duplicates_skipped: 1, rows_on_disk: 3 })
    await tier.close()
  })

  it('gives back every field of every trade, odd values at any row of any segment', async () => {
    const dir = tempDataDir()
    const tier = await openDurableTier({ ...opts(dir), batchMax: 100_000 })
    const ids = [
      (i: number) => `ffffffff-ffff-ffff-ffff-${(0xffff00000000 + i).toString(16)}`,
      (i: number) => `00000000-0000-0000-0000-${i.toString(16).padStart(12, '0')}`,
      (i: number) => `80000000-7fff-8000-0001-${i.toString(16).padStart(12, '0')}`,
      (i: number) => String(1_000_000_000_000_000_000_000_000n + BigInt(i)), // 25 digits
      (i: number) => String(999_999_999_999_999_999_999_999_999n - BigInt(i)), // 27 digits
      (i: number) => String(9_223_372_036_854_775_807n - BigInt(i)), // BIGINT max and below
      (i: number) => String(10_000_000_000_000_000_000n + BigInt(i)), // 20 digits
      (i: number) => `0${i}`,
      (i: number) => `Odd-${i}`,
      (i: number) => String(i)
    ]
    const make = (n: number, base: number) =>
      Array.from({ length: n }, (_, k) => {
        const i = base + k
        return trade({
          symbol: ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'][i % 3],
          category: i % 7 === 0 ? 'spot' : 'linear',
          tradeId: ids[i % ids.length](i),
          price: i % 11 === 0 ? `00.${i}` : `${i}.5`,
          quantity: i % 13 === 0 ? '1234567890123456.7' : '0.001',
          tickDirection: i % 17 === 0 ? `Odd${i}` : i % 5 === 0 ? undefined : 'PlusTick',
          seq: i % 19 === 0 ? undefined : i % 23 === 0 ? 1e30 : 1000 + i,
          isBlockTrade: i % 2 === 0 ? undefined : i % 3 === 0,
          backfilled: i % 29 === 0
        })
      })
    const first = make(5000, 0)
    for (const t of first) tier.enqueue(t)
    expect(await tier.drain()).toBe(true)
    // a second batch into recycled segments: fewer odd values, at other rows
    const second = make(4500, 5000)
    for (const t of second) tier.enqueue(t)
    expect(await tier.drain()).toBe(true)
    expect(tier.stats()).toMatchObject({ persisted: 9500, duplicates_skipped: 0, not_persisted: 0 })
    const key = (t: { category: string; symbol: string; tradeId: string }) => `${t.category}:${t.symbol}:${t.tradeId}`
    const back = new Map((await tier.range({ limit: 20_000 })).map((t) => [key(t), seen(t)]))
    expect(back.size).toBe(9500)
    for (const t of [...first, ...second]) {
      const want = seen(t) as Record<string, unknown>
      if (t.seq === 1e30) want.seq = undefined
      expect(back.get(key(t))).toEqual(want)
    }
    await tier.close()
  })
})
