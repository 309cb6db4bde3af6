// GET /collectors/symbols over real HTTP against a real engine collecting from the simulator: one row
// per collected (category, symbol) with the exact last price, trades held and evicted, the rate
// sampled on the engine's tick, open gaps and the topic's subscription state from the exchange's reply.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SymbolRow, SymbolsResponse } from '../../src/shared/dto-symbols'
import { manySymbols } from '../support/many-symbols'
import { startStack } from '../support/stack'
import { waitFor } from '../support/wait-for'
import { getJson } from './support'

const LISTED = manySymbols(300)
/** Not listed by the simulator: its subscribe is refused, the others still go through (per-topic). */
const UNLISTED = 'NOPEUSDT'
const CAP = 5

const start = () =>
  startStack({
    simulator: { symbols: { linear: LISTED }, subscribeFailure: 'per-topic', tradesPerSecond: 0 },
    engine: {
      settings: { category: 'linear', symbols: [...LISTED, UNLISTED], maxTradesPerSymbol: CAP },
      options: { maxSymbols: 400, intervals: { sampleMs: 200 } }
    },
    mirror: true
  })
let stack: Awaited<ReturnType<typeof start>>

async function rows(): Promise<SymbolsResponse> {
  const res = await getJson<SymbolsResponse>(stack.mirrorPort, '/collectors/symbols')
  expect(res.status).toBe(200)
  return res.body
}
function rowOf(body: SymbolsResponse, symbol: string): SymbolRow {
  const r = body.symbols.find((x) => x.symbol === symbol)
  if (!r) throw new Error(`no row for ${symbol}`)
  return r
}

beforeAll(async () => {
  stack = await start()
  await waitFor(
    () => {
      const topics = stack.engine.handlers.getCollectorStatus({ name: 'bybit_trades' }).subscriptions
      return (
        topics.length === LISTED.length + 1 &&
        topics.every((t) => (t.symbol === UNLISTED ? t.state === 'failed' : t.state === 'subscribed'))
      )
    },
    { what: 'every listed topic subscribed, the unlisted one refused', timeoutMs: 15_000 }
  )
})
afterAll(async () => {
  await stack?.close()
})

describe('GET /collectors/symbols', () => {
  it('lists every subscribed symbol, sorted, with the refused topic and its reason', async () => {
    const body = await rows()
    expect(body.count).toBe(LISTED.length + 1)
    expect(body.symbols.map((r) => r.symbol)).toEqual([...LISTED, UNLISTED].sort())
    expect(body.symbols.every((r) => r.category === 'linear')).toBe(true)
    const refused = rowOf(body, UNLISTED)
    expect(refused.subscription).toBe('failed')
    expect(refused.subscription_reason).toBeTruthy()
    const quiet = rowOf(body, LISTED[10])
    expect(quiet).toMatchObject({ subscription: 'subscribed', last_price: null, stored: 0, evicted: 0, open_gaps: 0 })
  })

  it('shows the exact last price, held and evicted per symbol, and a rate from the sampler tick', async () => {
    // rates are differences between ticks: the first tick marks where they start
    await waitFor(() => stack.engine.handlers.getSamples().samples.length > 0, { what: 'a first rate sample' })
    const sent = stack.sim.emitTrades('linear', 'ETHUSDT', CAP + 7)
    stack.sim.emitTrades('linear', 'SOLUSDT', 2)
    const last = sent[sent.length - 1]
    const eth = await waitFor(
      async () => {
        const r = rowOf(await rows(), 'ETHUSDT')
        return r.stored + r.evicted === sent.length && r.trades_per_s > 0 ? r : undefined
      },
      { what: 'ETHUSDT stored and its rate sampled', timeoutMs: 10_000 }
    )
    expect(eth.last_price).toBe(last.price)
    expect(eth.last_trade_at).toBe(last.T)
    expect(eth.stored).toBe(CAP)
    expect(eth.evicted).toBe(7)
    expect(eth.last_trade_age_ms).toBeGreaterThanOrEqual(0)
    const sol = rowOf(await rows(), 'SOLUSDT')
    expect(sol).toMatchObject({ stored: 2, evicted: 0 })
    // the rate falls back to 0 once nothing more arrives
    await waitFor(async () => rowOf(await rows(), 'ETHUSDT').trades_per_s === 0, {
      what: 'ETHUSDT rate back to 0',
      timeoutMs: 10_000
    })
  })

  it('counts open gaps per symbol while collection is paused', async () => {
    await stack.engine.handlers.setCollectionPaused({ paused: true })
    try {
      const body = await waitFor(
        async () => {
          const b = await rows()
          return rowOf(b, 'BTCUSDT').open_gaps === 1 ? b : undefined
        },
        { what: 'a gap open for BTCUSDT', timeoutMs: 10_000 }
      )
      expect(body.symbols.filter((r) => r.symbol !== UNLISTED).every((r) => r.open_gaps === 1)).toBe(true)
    } finally {
      await stack.engine.handlers.setCollectionPaused({ paused: false })
    }
  })
})

describe('GET /collectors/symbols with several categories', () => {
  it('has one row per (category, symbol): the same symbol in two markets is two rows', async () => {
    const multi = await startStack({
      simulator: { seed: 5, tradesPerSecond: 0 },
      engine: { settings: { category: 'spot,linear', symbols: ['BTCUSDT', 'linear:ETHUSDT'] } },
      mirror: true
    })
    try {
      const body = await waitFor(
        async () => {
          const b = (await getJson<SymbolsResponse>(multi.mirrorPort, '/collectors/symbols')).body
          return b.count === 3 && b.symbols.every((r) => r.subscription === 'subscribed') ? b : undefined
        },
        { what: 'three topics subscribed over two connections', timeoutMs: 15_000 }
      )
      expect(body.symbols.map((r) => `${r.category}:${r.symbol}`)).toEqual([
        'linear:BTCUSDT',
        'linear:ETHUSDT',
        'spot:BTCUSDT'
      ])
      const sent = multi.sim.emitTrades('spot', 'BTCUSDT', 3)
      const spot = await waitFor(
        async () => {
          const b = (await getJson<SymbolsResponse>(multi.mirrorPort, '/collectors/symbols')).body
          const r = b.symbols.find((x) => x.category === 'spot' && x.symbol === 'BTCUSDT')
          return r?.stored === 3 ? b : undefined
        },
        { what: 'spot BTCUSDT stored' }
      )
      expect(spot.symbols.find((r) => r.category === 'spot')?.last_price).toBe(sent[2].price)
      expect(spot.symbols.find((r) => r.category === 'linear' && r.symbol === 'BTCUSDT')?.stored).toBe(0)
    } finally {
      await multi.close()
    }
  })
})
