// Reading the file back: a range newest first with inclusive bounds and a symbol, the export oldest
// first in batches, a Parquet file that DuckDB reads back equal to the rows (exact strings), the
// newest trades per symbol (for the rings at start), the newest per symbol (where restart gaps
// begin), the per-symbol history, and a full write queue counted, never silent.

import path from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { afterEach, describe, expect, it } from 'vitest'
import { openDurableTier, type DuckDbDurableTier } from '../../src/main/core/durable/duckdb-tier'
import type { Trade } from '../../src/main/core/trade'
import { recordingLog, removeTempDirs, seen, tempDataDir, trade } from './durable-support'

afterEach(removeTempDirs)

const T0 = 1_760_000_000_000

/** 3 symbols × 10 trades, one per second each, with decimals that keep their zeros. */
function tape(): Trade[] {
  const out: Trade[] = []
  for (let i = 0; i < 10; i++) {
    for (const [k, symbol] of ['BTCUSDT', 'ETHUSDT', 'XRPUSDT'].entries()) {
      out.push(trade({ symbol, timestamp: T0 + i * 1000 + k, price: `0.0000${i}000`, quantity: `${i}.500` }))
    }
  }
  return out
}

async function filled(trades: Trade[]): Promise<DuckDbDurableTier> {
  const tier = await openDurableTier({ dataDir: tempDataDir(), retentionDays: 0, retentionGb: 0, flushIntervalMs: 20 })
  for (const t of trades) tier.enqueue(t)
  expect(await tier.drain()).toBe(true)
  return tier
}

/** `newestOf` for every symbol on disk, merged oldest first (exchange time, then receipt). */
async function newestOfEach(tier: DuckDbDurableTier, n: number): Promise<Trade[]> {
  const keys = await tier.lastPersisted()
  const each = await Promise.all(keys.map((k) => tier.newestOf(k.category, k.symbol, n)))
  return each.flat().sort((a, b) => a.timestamp - b.timestamp || a.receivedAt - b.receivedAt)
}

describe('durable tier: queries', () => {
  it('answers a range newest first, inclusive at both ends, per symbol and limited', async () => {
    const all = tape()
    const tier = await filled(all)
    const eth = all.filter((t) => t.symbol === 'ETHUSDT')
    const got = await tier.range({ symbol: 'ETHUSDT', from: eth[2].timestamp, to: eth[6].timestamp })
    expect(got.map(seen)).toEqual(eth.slice(2, 7).reverse().map(seen))
    expect(await tier.range({ limit: 4 })).toHaveLength(4)
    expect((await tier.range({ limit: 1 }))[0].tradeId).toBe(all[all.length - 1].tradeId)
    expect(await tier.range({ symbol: 'NOPE' })).toEqual([])
    await tier.close()
  })

  it('exports oldest first in batches, and writes a Parquet file DuckDB reads back equal to the rows', async () => {
    const all = tape()
    const tier = await filled(all)
    const exported: Trade[] = []
    for await (const batch of tier.exportRange({ symbol: 'BTCUSDT' })) exported.push(...batch)
    expect(exported.map(seen)).toEqual(all.filter((t) => t.symbol === 'BTCUSDT').map(seen))

    const file = path.join(tempDataDir(), 'export.parquet')
    expect(await tier.exportParquet({ from: T0 + 3000, to: T0 + 5999 }, file)).toBe(9)
    await tier.close()
    const db = await DuckDBInstance.create(':memory:')
    const conn = await db.connect()
    const back = (
      await conn.runAndReadAll(`SELECT * FROM read_parquet('${file}') ORDER BY timestamp`)
    ).getRowObjectsJS()
    const want = all.filter((t) => t.timestamp >= T0 + 3000 && t.timestamp <= T0 + 5999)
    expect(back.map((r) => [r.symbol, r.trade_id, r.price, r.quantity, Number(r.timestamp), r.side])).toEqual(
      want.map((t) => [t.symbol, t.tradeId, t.priceText, t.quantityText, t.timestamp, t.side])
    )
    expect(back[0].price).toBe('0.00003000')
    conn.closeSync()
    db.closeSync()
  })

  it('gives the newest trades per symbol oldest first, and the newest per symbol with its id', async () => {
    const all = tape()
    const tier = await filled(all)
    const newest = await newestOfEach(tier, 2)
    const want = all.filter((t) => t.timestamp >= T0 + 8000)
    expect(newest.map((t) => t.tradeId)).toEqual(want.map((t) => t.tradeId))
    const last = await tier.lastPersisted()
    expect(last).toEqual(
      ['BTCUSDT', 'ETHUSDT', 'XRPUSDT'].map((symbol) => {
        const t = all.filter((x) => x.symbol === symbol).pop() as Trade
        return { category: 'linear', symbol, timestamp: t.timestamp, tradeId: t.tradeId }
      })
    )
    await tier.close()
  })

  it('keeps exactly n per symbol when trades share the time of the n-th newest: the last received', async () => {
    const at = (symbol: string, timestamp: number, receivedAt: number): Trade =>
      trade({ symbol, timestamp, receivedAt })
    const btc = [at('BTCUSDT', T0, T0 + 5), at('BTCUSDT', T0 + 1, T0 + 6), at('BTCUSDT', T0 + 1, T0 + 7)]
    const eth = [at('ETHUSDT', T0 + 1, T0 + 8), at('ETHUSDT', T0 + 1, T0 + 9), at('ETHUSDT', T0 + 1, T0 + 10)]
    const xrp = at('XRPUSDT', T0 - 1, T0)
    const tier = await filled([...btc, ...eth, xrp])
    const newest = await newestOfEach(tier, 2)
    // oldest first by exchange time, then receipt; a symbol with fewer than n comes whole
    expect(newest.map((t) => t.tradeId)).toEqual([xrp, btc[1], btc[2], eth[1], eth[2]].map((t) => t.tradeId))
    await tier.close()
  })

  it('summarizes history per symbol with what is on disk and what still waits', async () => {
    const all = tape()
    const tier = await filled(all)
    const h = await tier.history()
    expect(h.symbols.map((s) => [s.symbol, s.stored, s.first_timestamp, s.pending])).toEqual([
      ['BTCUSDT', 10, T0, 0],
      ['ETHUSDT', 10, T0 + 1, 0],
      ['XRPUSDT', 10, T0 + 2, 0]
    ])
    expect(h.symbols.every((s) => s.bytes > 0)).toBe(true)
    expect(h.persist).toMatchObject({ rows_on_disk: 30, persisted: 30, oldest_timestamp: T0, state: 'ok' })
    expect(h.persist.newest_persisted_timestamp).toBe(T0 + 9002)
    expect(h.persist.file_bytes).toBeGreaterThan(0)
    await tier.close()
  })

  it('counts trades beyond a full queue as not persisted, with a coded warning, without waiting', async () => {
    const log = recordingLog()
    const tier = await openDurableTier({
      dataDir: tempDataDir(),
      retentionDays: 0,
      retentionGb: 0,
      queueCapacity: 100,
      batchMax: 1000,
      flushIntervalMs: 60_000,
      log
    })
    for (let i = 0; i < 150; i++) tier.enqueue(trade())
    expect(tier.stats()).toMatchObject({
      queue_depth: 100,
      queue_capacity: 100,
      not_persisted: 50,
      last_error: { code: 'persist_queue_full' }
    })
    expect(log.lines.filter((l) => l.code === 'persist_queue_full')).toHaveLength(1)
    expect(await tier.drain()).toBe(true)
    expect(tier.stats()).toMatchObject({ persisted: 100, not_persisted: 50, queue_depth: 0, lag_ms: 0 })
    await tier.close()
    // after close nothing is queued any more, and an offer is counted too
    tier.enqueue(trade())
    expect(tier.stats().not_persisted).toBe(51)
  })
})
