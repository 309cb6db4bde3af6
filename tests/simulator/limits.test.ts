// Bybit's subscription and connection rules as a client meets them, and the counters in /sim/stats
// that let a test assert "no rejected request".
import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { SimStatsSnapshot, SimulatorHandle } from '../../src/simulator'
import { simulatorPerTest } from './scope'
import { argsChars, PUBLIC_ARGS_MAX_CHARS } from '../../src/shared/bybit-protocol'
import { TestClient, type Frame } from './client'

const scope = simulatorPerTest()

const connect = (_s: SimulatorHandle, category: 'spot' | 'linear' | 'inverse'): Promise<TestClient> =>
  scope.connect(category)

const subscribe = (c: TestClient, args: string[], reqId: string): Promise<Frame> =>
  c.request({ op: 'subscribe', req_id: reqId, args }, (f) => f.op === 'subscribe' && f.req_id === reqId)

async function tradingSymbols(s: SimulatorHandle, category: 'spot' | 'linear' | 'inverse'): Promise<string[]> {
  const out: string[] = []
  let cursor = ''
  for (;;) {
    const q = `category=${category}&limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`
    const body = (await (await fetch(`${s.restUrl}/v5/market/instruments-info?${q}`)).json()) as {
      result: { list: { symbol: string }[]; nextPageCursor?: string }
    }
    out.push(...body.result.list.map((i) => i.symbol))
    cursor = body.result.nextPageCursor ?? ''
    if (cursor === '' || body.result.list.length === 0) return out
  }
}

async function stats(s: SimulatorHandle): Promise<SimStatsSnapshot> {
  return (await (await fetch(`${s.restUrl}/sim/stats`)).json()) as SimStatsSnapshot
}

/** The HTTP status and Retry-After of a refused upgrade. */
function refusedUpgrade(url: string): Promise<{ status: number; retryAfter: string | undefined }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url)
    ws.once('open', () => {
      ws.terminate()
      reject(new Error('the upgrade was accepted'))
    })
    ws.once('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] })
      ws.terminate()
    })
    ws.once('error', () => {})
  })
}

describe('subscription rules', () => {
  it('a whole board subscribed within the rules: no rejected request in /sim/stats', async () => {
    const sim = await scope.start({ tradesPerSecond: 0, seed: 2 })
    const linear = await tradingSymbols(sim, 'linear')
    const spot = await tradingSymbols(sim, 'spot')
    expect(linear).toHaveLength(520)
    const l = await connect(sim, 'linear')
    expect(
      await subscribe(
        l,
        linear.map((x) => `publicTrade.${x}`),
        'all'
      )
    ).toMatchObject({ success: true })
    const sc = await connect(sim, 'spot')
    const spotTopics = spot.slice(0, 100).map((x) => `publicTrade.${x}`)
    for (let k = 0; k < spotTopics.length; k += 10) {
      expect(await subscribe(sc, spotTopics.slice(k, k + 10), `s${k}`)).toMatchObject({ success: true })
    }
    const st = await stats(sim)
    expect(st.rejected_requests).toEqual({ total: 0, by_reason: {}, recent: [] })
    expect(st.subscribe_requests).toEqual({ total: 11, accepted: 11, rejected: 0 })
    expect(st.topics_subscribed).toEqual({ spot: 100, linear: 520, inverse: 0 })
    expect(st.connections).toMatchObject({ open: 2, opened_total: 2, refused_total: 0 })
    expect(st.instruments.linear).toEqual({ PreLaunch: 3, Trading: 520, Delivering: 2, Closed: 2 })
  })

  it('spot: 11 args in one request are refused whole ("args size >10"), and counted', async () => {
    const sim = await scope.start({ tradesPerSecond: 0, seed: 2 })
    const spot = (await tradingSymbols(sim, 'spot')).slice(0, 11).map((x) => `publicTrade.${x}`)
    const c = await connect(sim, 'spot')
    expect(await subscribe(c, spot, 'eleven')).toMatchObject({ success: false, ret_msg: 'args size >10' })
    expect(c.texts.some((t) => t.includes('"ret_msg":"args size \\u003e10"'))).toBe(true)
    expect(sim.subscriptions('spot')).toEqual([])
    const st = await stats(sim)
    expect(st.rejected_requests.by_reason).toEqual({ spot_args_over_10: 1 })
    expect(st.rejected_requests.recent[0]).toMatchObject({ category: 'spot', ret_msg: 'args size >10', topics: 11 })
  })

  it('unknown symbols and repeats are refused with the reason counted', async () => {
    const sim = await scope.start({ tradesPerSecond: 0, seed: 2 })
    const c = await connect(sim, 'linear')
    expect(await subscribe(c, ['publicTrade.NOPEUSDT'], 'a')).toMatchObject({
      success: false,
      ret_msg: 'error:handler not found,topic:publicTrade.NOPEUSDT'
    })
    expect(await subscribe(c, ['publicTrade.BTCUSDT'], 'b')).toMatchObject({ success: true })
    expect(await subscribe(c, ['publicTrade.BTCUSDT'], 'c')).toMatchObject({ success: false })
    expect((await stats(sim)).rejected_requests.by_reason).toEqual({ unknown_topic: 1, already_subscribed: 1 })
  })

  it(`one connection holds at most ${PUBLIC_ARGS_MAX_CHARS} characters of topics; the request over it is refused whole`, async () => {
    const sim = await scope.start({ tradesPerSecond: 0, seed: 2, instruments: { linear: 1500 } })
    const topics = (await tradingSymbols(sim, 'linear')).map((x) => `publicTrade.${x}`)
    // How many topics fit, counting their characters the way the limit does.
    let fit = 0
    while (argsChars(topics.slice(0, fit + 1)) <= PUBLIC_ARGS_MAX_CHARS) fit++
    expect(fit).toBeLessThan(topics.length)
    const c = await connect(sim, 'linear')
    expect(await subscribe(c, topics.slice(0, fit - 10), 'first')).toMatchObject({ success: true })
    const over = await subscribe(c, topics.slice(fit - 10, fit + 1), 'over')
    expect(over).toMatchObject({ success: false, ret_msg: `args length >${PUBLIC_ARGS_MAX_CHARS}` })
    expect(sim.subscriptions('linear')).toHaveLength(fit - 10)
    expect(await subscribe(c, topics.slice(fit - 10, fit), 'exact')).toMatchObject({ success: true })
    // The rest goes on a second connection, as a sharding client does.
    const d = await connect(sim, 'linear')
    expect(await subscribe(d, topics.slice(fit), 'rest')).toMatchObject({ success: true })
    expect(sim.subscriptions('linear')).toHaveLength(topics.length)
    const st = await stats(sim)
    expect(st.rejected_requests.by_reason).toEqual({ args_chars_over_limit: 1 })
    expect(st.connections.each.map((e) => [e.topics, e.args_chars])).toEqual([
      [fit, argsChars(topics.slice(0, fit))],
      [topics.length - fit, argsChars(topics.slice(fit))]
    ])
  })

  it('unsubscribing frees the characters again', async () => {
    const sim = await scope.start({ tradesPerSecond: 0, seed: 2, instruments: { linear: 1500 } })
    const topics = (await tradingSymbols(sim, 'linear')).map((x) => `publicTrade.${x}`)
    let fit = 0
    while (argsChars(topics.slice(0, fit + 1)) <= PUBLIC_ARGS_MAX_CHARS) fit++
    const c = await connect(sim, 'linear')
    expect(await subscribe(c, topics.slice(0, fit), 'full')).toMatchObject({ success: true })
    expect(await subscribe(c, [topics[fit]], 'one-more')).toMatchObject({ success: false })
    // Three topics are at least 3 × 16 characters, more than any one topic's 42 at most.
    await c.request({ op: 'unsubscribe', req_id: 'u', args: topics.slice(0, 3) }, (f) => f.op === 'unsubscribe')
    expect(await subscribe(c, [topics[fit]], 'fits-now')).toMatchObject({ success: true })
  })
})

describe('connection rules', () => {
  it('over the budget of new connections per window: HTTP 429 with Retry-After, counted', async () => {
    const sim = await scope.start({ tradesPerSecond: 0, connectionLimits: { max: 3, windowMs: 60_000 } })
    await connect(sim, 'linear')
    await connect(sim, 'spot')
    const third = await connect(sim, 'inverse')
    await third.close()
    // Closing does not give the budget back: it counts connections made within the window.
    const refused = await refusedUpgrade(sim.wsUrl('linear'))
    expect(refused.status).toBe(429)
    expect(Number(refused.retryAfter)).toBeGreaterThan(0)
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(60)
    const st = await stats(sim)
    expect(st.connections).toMatchObject({ opened_total: 3, refused_total: 1 })
    expect(st.connections.refused_by_reason).toEqual({ connection_budget: 1 })
  })

  it('the budget is a sliding window: connections older than it no longer count', async () => {
    const sim = await scope.start({ tradesPerSecond: 0, connectionLimits: { max: 2, windowMs: 300 } })
    await connect(sim, 'linear')
    await connect(sim, 'linear')
    expect((await refusedUpgrade(sim.wsUrl('linear'))).status).toBe(429)
    await new Promise((r) => setTimeout(r, 400))
    await connect(sim, 'linear')
    expect((await stats(sim)).connections).toMatchObject({ open: 3, opened_total: 3, refused_total: 1 })
  })

  it('open connections per category are capped; other categories are counted apart', async () => {
    const sim = await scope.start({ tradesPerSecond: 0, connectionLimits: { perCategory: 2 } })
    await connect(sim, 'linear')
    await connect(sim, 'linear')
    expect((await refusedUpgrade(sim.wsUrl('linear'))).status).toBe(429)
    await connect(sim, 'spot')
    expect((await stats(sim)).connections.refused_by_reason).toEqual({ connections_per_category: 1 })
  })

  it('REST over the per-IP limit meets HTTP 403 "access too frequent"; /sim/ is not counted', async () => {
    const sim = await scope.start({ tradesPerSecond: 0, restLimit: { max: 5, windowMs: 60_000 } })
    const get = (q: string): Promise<Response> => fetch(`${sim.restUrl}/v5/market/${q}`)
    for (let k = 0; k < 3; k++) expect((await get('recent-trade?category=linear&symbol=BTCUSDT')).status).toBe(200)
    for (let k = 0; k < 2; k++) expect((await get('instruments-info?category=linear')).status).toBe(200)
    await stats(sim)
    const refused = await get('recent-trade?category=linear&symbol=BTCUSDT')
    expect(refused.status).toBe(403)
    expect(await refused.text()).toBe('access too frequent')
    expect((await stats(sim)).rest_requests).toEqual({ total: 6, refused: 1 })
  })
})
