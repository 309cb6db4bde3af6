// The durable tier round trip on a real DuckDB file: what the exchange sent (real captured frames,
// parsed by the collector's parser) comes back exactly — prices and sizes as the same strings,
// 19-digit spot ids and UUID linear ids unchanged — after the file is closed and opened again.

import { afterEach, describe, expect, it } from 'vitest'
import { openDurableTier } from '../../src/main/core/durable/duckdb-tier'
import { hasRealFixtures, REAL_FIXTURES_ABSENT_REASON } from '../support/fixtures'
import { realTrades, removeTempDirs, seen, tempDataDir, trade } from './durable-support'

afterEach(removeTempDirs)

const opts = (dataDir: string) => ({ dataDir, retentionDays: 0, retentionGb: 0 })

describe('durable tier: round trip', () => {
  it('gives back every field exactly, after a reopen', async () => {
    const dir = tempDataDir()
    const odd = [
      trade({ price: '0.00001000', quantity: '1000000.000000', tradeId: 'abc-Not-A-Uuid' }),
      trade({ category: 'spot', symbol: 'BTCUSDC', tradeId: '2290000000090712222', tickDirection: undefined }),
      trade({ tradeId: '007', seq: undefined, isBlockTrade: true, isRpi: true, backfilled: true }),
      trade({ tradeId: '9223372036854775808' }), // one past BIGINT: kept as text
      trade({ tradeId: '2A74AC78-691C-5B54-9DBE-5AAFE8364627' }), // upper case: not the canonical UUID form
      // decimals whose digits alone would not give the string back, and a tick direction Bybit does not send
      trade({ price: '00.5', quantity: '12345678901234567890.5', tickDirection: 'SomethingNew' }),
      trade({ price: '67000', quantity: '0', tickDirection: 'MinusTick', isBlockTrade: false, isRpi: undefined }),
      // an id of 25 digits (past BIGINT, still packed in memory), more than 15 significant digits
      trade({ tradeId: '1234567890123456789012345', price: '1234567890.1234567' }),
      // anything a frame may carry in a symbol or id, separators and all
      trade({ symbol: 'ÄÖ\u001f\u001eX', tradeId: 'id\nwith\u001fbreaks', tickDirection: 'Plus\u001fTick' })
    ]
    const tier = await openDurableTier(opts(dir))
    for (const t of odd) tier.enqueue(t)
    expect(await tier.drain()).toBe(true)
    expect(tier.stats().persisted).toBe(odd.length)
    await tier.close()

    const again = await openDurableTier(opts(dir))
    const back = await again.range({ limit: 100 })
    expect(back.map(seen)).toEqual([...odd].reverse().map(seen))
    expect(again.stats()).toMatchObject({ rows_on_disk: odd.length, persisted: 0, state: 'ok' })
    await again.close()
  })

  it('writes a trade whose seq is not a whole number or is out of range, instead of failing its batch', async () => {
    const dir = tempDataDir()
    const tier = await openDurableTier(opts(dir))
    const trades = [trade({ seq: 12.7 }), trade({ seq: 1e30 }), trade()]
    for (const t of trades) tier.enqueue(t)
    expect(await tier.drain()).toBe(true)
    expect(tier.stats()).toMatchObject({ persisted: 3, not_persisted: 0, last_error: null })
    const back = (await tier.range({ limit: 10 })).reverse()
    expect(back.map((t) => t.seq)).toEqual([13, undefined, trades[2].seq])
    await tier.close()
  })

  it.skipIf(!hasRealFixtures())(
    `keeps real spot and linear trades exactly${hasRealFixtures() ? '' : ` (skipped: ${REAL_FIXTURES_ABSENT_REASON})`}`,
    async () => {
      const spot = realTrades('rbot_spot_BTCUSDT_ws_2023-12-24.jsonl', 'spot')
      const linear = realTrades('hftbacktest_linear_BTCUSDT_publicTrade_2025-09-25.jsonl', 'linear')
      expect(spot.length).toBeGreaterThan(0)
      expect(linear.length).toBeGreaterThan(0)
      const all = [...spot, ...linear]
      const dir = tempDataDir()
      const tier = await openDurableTier(opts(dir))
      for (const t of all) tier.enqueue(t)
      expect(await tier.drain()).toBe(true)
      await tier.close()

      const again = await openDurableTier(opts(dir))
      const key = (t: { category: string; tradeId: string }) => `${t.category}:${t.tradeId}`
      const back = new Map((await again.range({ limit: all.length + 10 })).map((t) => [key(t), t]))
      const unique = new Map(all.map((t) => [key(t), t]))
      expect(back.size).toBe(unique.size)
      for (const [k, t] of unique) expect(seen(back.get(k) ?? trade()), k).toEqual(seen(t))
      // a 19-digit spot id beyond 2^53 and a zero-padded price come back as sent
      expect([...back.keys()]).toContain('spot:2290000000090712222')
      expect(again.stats().duplicates_skipped).toBe(0)
      await again.close()
    }
  )
})
