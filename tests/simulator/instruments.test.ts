// GET /v5/market/instruments-info over real HTTP: Bybit's shape, pages walked with cursor/limit,
// the status filter, spot without pagination, and listing/delisting at runtime through /sim/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type SimulatorHandle } from '../../src/simulator'
import { TestClient } from './client'

interface Page {
  retCode: number
  retMsg: string
  result: { category?: string; list?: Record<string, unknown>[]; nextPageCursor?: string }
}

let sim: SimulatorHandle
let unfiltered: SimulatorHandle
const clients: TestClient[] = []

beforeAll(async () => {
  sim = await startSimulator({ port: 0, tradesPerSecond: 0, seed: 5, instruments: { linear: 1200 } })
  unfiltered = await startSimulator({ port: 0, tradesPerSecond: 0, seed: 5, unfilteredListing: true })
})
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()))
  await sim.close()
  await unfiltered.close()
})

async function get(query: string, s = sim): Promise<Page> {
  const res = await fetch(`${s.restUrl}/v5/market/instruments-info${query}`)
  expect(res.status).toBe(200)
  return (await res.json()) as Page
}

/** Follows nextPageCursor until an empty cursor or an empty page, as a client does. */
async function walk(query: string, s = sim): Promise<{ pages: Page[]; symbols: string[] }> {
  const pages: Page[] = []
  let cursor = ''
  for (let k = 0; k < 100; k++) {
    const page = await get(`${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, s)
    expect(page.retCode).toBe(0)
    pages.push(page)
    cursor = page.result.nextPageCursor ?? ''
    if (cursor === '' || (page.result.list ?? []).length === 0) break
  }
  return { pages, symbols: pages.flatMap((p) => (p.result.list ?? []).map((i) => String(i.symbol))) }
}

const LINEAR_KEYS = [
  'symbol', 'symbolId', 'contractType', 'status', 'baseCoin', 'quoteCoin', 'launchTime', 'deliveryTime',
  'deliveryFeeRate', 'priceScale', 'leverageFilter', 'priceFilter', 'lotSizeFilter', 'unifiedMarginTrade',
  'fundingInterval', 'settleCoin', 'copyTrading', 'upperFundingRate', 'lowerFundingRate', 'isPreListing',
  'preListingInfo', 'riskParameters', 'symbolType'
] // prettier-ignore

describe('instruments-info pagination (linear)', () => {
  it('walks every Trading instrument once, in symbol order, pages within the limit', async () => {
    const { pages, symbols } = await walk('?category=linear&limit=200')
    expect(symbols).toHaveLength(1200)
    expect(new Set(symbols).size).toBe(1200)
    expect([...symbols].sort()).toEqual(symbols)
    for (const p of pages) expect((p.result.list ?? []).length).toBeLessThanOrEqual(200)
    expect(pages).toHaveLength(7) // 6 full pages, then the empty one after the last cursor
    expect(pages[5].result.nextPageCursor).toBe(`first%3D${symbols[1000]}%26last%3D${symbols[1199]}`)
    expect(pages[6].result).toEqual({ category: 'linear', list: [], nextPageCursor: '' })
    expect(symbols).toEqual(expect.arrayContaining(['BTCUSDT', 'ETHUSDT', '1000PEPEUSDT']))
  })

  it("items have Bybit's keys in Bybit's order and string decimals", async () => {
    const page = await get('?category=linear&symbol=BTCUSDT')
    expect(page.result.nextPageCursor).toBe('')
    const [btc] = page.result.list ?? []
    expect(Object.keys(btc)).toEqual(LINEAR_KEYS)
    expect(btc).toMatchObject({
      symbol: 'BTCUSDT',
      contractType: 'LinearPerpetual',
      status: 'Trading',
      baseCoin: 'BTC',
      quoteCoin: 'USDT',
      settleCoin: 'USDT',
      priceScale: '2',
      priceFilter: { tickSize: '0.10', minPrice: '0.10' },
      lotSizeFilter: { qtyStep: '0.001', minOrderQty: '0.001' },
      isPreListing: false,
      preListingInfo: null
    })
  })

  it('limit: default 500, at most 1000 (larger is capped), below 1 or not a number refused', async () => {
    expect((await get('?category=linear')).result.list).toHaveLength(500)
    expect((await get('?category=linear&limit=1000')).result.list).toHaveLength(1000)
    expect((await get('?category=linear&limit=5000')).result.list).toHaveLength(1000)
    expect((await get('?category=linear&limit=1')).result.list).toHaveLength(1)
    for (const bad of ['0', '-3', 'abc']) {
      expect(await get(`?category=linear&limit=${bad}`)).toMatchObject({
        retCode: 10001,
        retMsg: 'params error: limit must be an integer in [1,1000]'
      })
    }
    expect(await get('?category=linear&cursor=garbage')).toMatchObject({ retCode: 10001 })
    expect(await get('?category=option')).toMatchObject({ retCode: 10001, retMsg: 'Illegal category' })
  })

  it('a cursor sent back once more encoded (as some HTTP clients do) still works', async () => {
    const first = await get('?category=linear&limit=3')
    const cursor = first.result.nextPageCursor ?? ''
    const twice = await get(`?category=linear&limit=3&cursor=${encodeURIComponent(encodeURIComponent(cursor))}`)
    const once = await get(`?category=linear&limit=3&cursor=${encodeURIComponent(cursor)}`)
    expect(twice.result.list).toEqual(once.result.list)
    expect(once.result.list?.[0].symbol).not.toBe(first.result.list?.[2].symbol)
  })
})

describe('instruments-info statuses', () => {
  it('without status only Trading comes back; status=X gives the others', async () => {
    const trading = (await walk('?category=linear&limit=1000', unfiltered)).symbols
    const statuses = async (status: string): Promise<Record<string, unknown>[]> =>
      (await get(`?category=linear&status=${status}`, unfiltered)).result.list ?? []
    const pre = await statuses('PreLaunch')
    expect(pre).toHaveLength(3)
    expect(pre[0]).toMatchObject({ isPreListing: true, preListingInfo: { curAuctionPhase: 'CallAuction' } })
    expect(await statuses('Delivering')).toHaveLength(2)
    expect(await statuses('Closed')).toHaveLength(2)
    expect((await statuses('Trading')).length).toBe(500)
    // unfilteredListing: every status without the filter, so a client's own filter is what is tested.
    expect(trading).toHaveLength(527)
    expect((await get('?category=linear&status=Settled', unfiltered)).retCode).toBe(10001)
  })

  it('spot does not paginate: every pair at once, limit and cursor ignored, no nextPageCursor', async () => {
    const page = await get('?category=spot&limit=5')
    expect(page.retCode).toBe(0)
    expect(page.result.list).toHaveLength(600)
    expect(Object.keys(page.result)).toEqual(['category', 'list'])
    expect(page.result.list?.every((i) => i.status === 'Trading')).toBe(true)
    expect(page.result.list?.find((i) => i.symbol === 'BTCUSDC')).toMatchObject({ baseCoin: 'BTC', quoteCoin: 'USDC' })
  })

  it('inverse lists its perpetuals and quarterly futures', async () => {
    const { symbols, pages } = await walk('?category=inverse')
    expect(symbols).toHaveLength(30)
    const list = pages.flatMap((p) => p.result.list ?? [])
    expect(list.find((i) => i.symbol === 'BTCUSD')).toMatchObject({
      contractType: 'InversePerpetual',
      settleCoin: 'BTC'
    })
    expect(list.find((i) => i.symbol === 'BTCUSDH27')).toMatchObject({ contractType: 'InverseFutures' })
  })

  it('listed linear symbols answer recent-trade (every 8th, and every non-Trading one)', async () => {
    const { pages } = await walk('?category=linear&limit=1000', unfiltered)
    const list = pages.flatMap((p) => p.result.list ?? [])
    const sample = list.filter((i, k) => k % 8 === 0 || i.status !== 'Trading')
    const answers = await Promise.all(
      sample.map(async (i) => {
        const q = `category=linear&symbol=${String(i.symbol)}&limit=1`
        const res = await fetch(`${unfiltered.restUrl}/v5/market/recent-trade?${q}`)
        return { status: i.status, retCode: ((await res.json()) as { retCode: number }).retCode }
      })
    )
    // Closed ones are not served any more; everything else is.
    for (const a of answers) expect(a.retCode).toBe(a.status === 'Closed' ? 10001 : 0)
    expect(answers.filter((a) => a.status === 'Closed')).toHaveLength(2)
  })
})

describe('listing and delisting at runtime', () => {
  const post = (path: string): Promise<Response> => fetch(`${sim.restUrl}${path}`, { method: 'POST' })
  const subscribe = async (c: TestClient, topic: string): Promise<Record<string, unknown>> =>
    c.request({ op: 'subscribe', args: [topic] }, (f) => f.op === 'subscribe')

  it('a new listing appears in the pages and can be subscribed; a delisting closes it', async () => {
    expect((await post('/sim/list?category=linear&symbol=NEWCOINUSDT')).status).toBe(200)
    expect((await walk('?category=linear&limit=1000')).symbols).toContain('NEWCOINUSDT')
    const c = await TestClient.connect(sim.wsUrl('linear'))
    clients.push(c)
    expect(await subscribe(c, 'publicTrade.NEWCOINUSDT')).toMatchObject({ success: true })

    const res = await post('/sim/delist?category=linear&symbol=NEWCOINUSDT')
    expect(await res.json()).toEqual({ ok: true, symbol: 'NEWCOINUSDT', status: 'Closed' })
    expect((await walk('?category=linear&limit=1000')).symbols).not.toContain('NEWCOINUSDT')
    const closed = (await get('?category=linear&status=Closed')).result.list ?? []
    expect(closed.map((i) => i.symbol)).toContain('NEWCOINUSDT')
    const again = await TestClient.connect(sim.wsUrl('linear'))
    clients.push(again)
    expect(await subscribe(again, 'publicTrade.NEWCOINUSDT')).toMatchObject({
      success: false,
      ret_msg: 'error:handler not found,topic:publicTrade.NEWCOINUSDT'
    })
    expect(sim.instruments.status('linear', 'NEWCOINUSDT')).toBe('Closed')
  })

  it('a delisted spot pair disappears; a PreLaunch listing is only under status=PreLaunch', async () => {
    expect((await post('/sim/delist?category=spot&symbol=ETHUSDT')).status).toBe(200)
    expect((await get('?category=spot')).result.list?.map((i) => i.symbol)).not.toContain('ETHUSDT')
    expect(sim.instruments.status('spot', 'ETHUSDT')).toBeUndefined()
    expect((await post('/sim/list?category=linear&symbol=SOONUSDT&status=PreLaunch')).status).toBe(200)
    expect((await get('?category=linear&status=PreLaunch')).result.list?.map((i) => i.symbol)).toContain('SOONUSDT')
    expect((await post('/sim/list?category=linear&symbol=SOONUSDT')).status).toBe(200)
    expect((await get('?category=linear&symbol=SOONUSDT')).result.list?.[0]).toMatchObject({ status: 'Trading' })
  })

  it('bad control requests are refused with 400/404/405', async () => {
    expect((await post('/sim/list?category=option&symbol=XUSDT')).status).toBe(400)
    expect((await post('/sim/list?category=linear&symbol=bad%20name')).status).toBe(400)
    expect((await post('/sim/list?category=spot&symbol=XYZUSDT&status=Closed')).status).toBe(400)
    expect((await post('/sim/delist?category=linear&symbol=NEVERLISTEDUSDT')).status).toBe(404)
    expect((await fetch(`${sim.restUrl}/sim/list?category=linear&symbol=XUSDT`)).status).toBe(405)
    expect((await post('/sim/nothing')).status).toBe(404)
  })
})
