// REST GET /v5/market/recent-trade over real HTTP: Bybit's limits, envelope, order and errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type SentTrade, type SimulatorHandle } from '../../src/simulator'

let sim: SimulatorHandle
let spotTrades: SentTrade[]
let linearTrades: SentTrade[]

beforeAll(async () => {
  sim = await startSimulator({ port: 0, tradesPerSecond: 0, seed: 31 })
  // No client is connected: these went to the exchange's tape only, which is what REST serves.
  spotTrades = sim.emitTrades('spot', 'BTCUSDT', 100)
  linearTrades = sim.emitTrades('linear', 'ETHUSDT', 1200)
})
afterAll(async () => {
  await sim.close()
})

interface Envelope {
  retCode: number
  retMsg: string
  result: { category?: string; list?: Record<string, unknown>[] }
  retExtInfo: Record<string, never>
  time: number
}

async function get(query: string): Promise<{ status: number; body: Envelope; raw: string }> {
  const res = await fetch(`${sim.restUrl}/v5/market/recent-trade${query}`)
  const raw = await res.text()
  return { status: res.status, body: JSON.parse(raw) as Envelope, raw }
}

describe('recent-trade', () => {
  it('spot: default 60, newest first, Bybit envelope and field types', async () => {
    const { status, body, raw } = await get('?category=spot&symbol=BTCUSDT')
    expect(status).toBe(200)
    expect(Object.keys(body)).toEqual(['retCode', 'retMsg', 'result', 'retExtInfo', 'time'])
    expect(body).toMatchObject({ retCode: 0, retMsg: 'OK', retExtInfo: {}, result: { category: 'spot' } })
    const list = body.result.list ?? []
    expect(list).toHaveLength(60)
    expect(Object.keys(list[0])).toEqual([
      'execId',
      'symbol',
      'price',
      'size',
      'side',
      'time',
      'isBlockTrade',
      'isRPITrade',
      'seq'
    ])
    const expected = spotTrades.slice(-60).reverse()
    expect(list).toEqual(
      expected.map((t) => ({
        execId: t.tradeId,
        symbol: 'BTCUSDT',
        price: t.price,
        size: t.size,
        side: t.side,
        time: String(t.T),
        isBlockTrade: false,
        isRPITrade: t.isRpi,
        seq: String(t.seq)
      }))
    )
    // 19-digit ids survive as exact strings in the raw body.
    expect(raw).toContain(`"execId":"${expected[0].tradeId}"`)
    expect(expected.every((t) => !t.delivered)).toBe(true)
  })

  it('spot: limit within [1,60]; larger limits are capped at 60', async () => {
    expect((await get('?category=spot&symbol=BTCUSDT&limit=1')).body.result.list).toHaveLength(1)
    expect((await get('?category=spot&symbol=BTCUSDT&limit=7')).body.result.list?.[0].execId).toBe(
      spotTrades[spotTrades.length - 1].tradeId
    )
    expect((await get('?category=spot&symbol=BTCUSDT&limit=1000')).body.result.list).toHaveLength(60)
  })

  it('linear: default 500, at most 1000, newest first', async () => {
    const def = (await get('?category=linear&symbol=ETHUSDT')).body.result.list ?? []
    expect(def).toHaveLength(500)
    const max = (await get('?category=linear&symbol=ETHUSDT&limit=1000')).body.result.list ?? []
    expect(max).toHaveLength(1000)
    expect(max.map((t) => t.execId)).toEqual(
      linearTrades
        .slice(-1000)
        .reverse()
        .map((t) => t.tradeId)
    )
    const times = max.map((t) => Number(t.time))
    for (let k = 1; k < times.length; k++) expect(times[k]).toBeLessThanOrEqual(times[k - 1])
    expect((await get('?category=linear&symbol=ETHUSDT&limit=5000')).body.result.list).toHaveLength(1000)
  })

  it('a listed symbol with no trades yet gives an empty list', async () => {
    const { body } = await get('?category=inverse&symbol=ETHUSD')
    expect(body).toMatchObject({ retCode: 0, result: { category: 'inverse', list: [] } })
  })

  it.each([
    ['', 'Illegal category'],
    ['?category=option&symbol=BTCUSDT', 'Illegal category'],
    ['?category=spot', 'params error: symbol is required'],
    ['?category=spot&symbol=NOPEUSDT', 'params error: Symbol Is Invalid'],
    ['?category=inverse&symbol=BTCUSDT', 'params error: Symbol Is Invalid'],
    ['?category=spot&symbol=BTCUSDT&limit=abc', 'params error: limit must be an integer in [1,60]'],
    ['?category=linear&symbol=BTCUSDT&limit=0', 'params error: limit must be an integer in [1,1000]'],
    ['?category=linear&symbol=BTCUSDT&limit=-3', 'params error: limit must be an integer in [1,1000]']
  ])('%s → retCode 10001 "%s" (HTTP 200, like Bybit)', async (query, retMsg) => {
    const { status, body } = await get(query)
    expect(status).toBe(200)
    expect(body).toEqual({ retCode: 10001, retMsg, result: {}, retExtInfo: {}, time: expect.any(Number) })
  })

  it('other paths are 404 and other methods 405', async () => {
    expect((await fetch(`${sim.restUrl}/v5/market/kline`)).status).toBe(404)
    const post = await fetch(`${sim.restUrl}/v5/market/recent-trade?category=spot&symbol=BTCUSDT`, { method: 'POST' })
    expect(post.status).toBe(405)
  })
})
