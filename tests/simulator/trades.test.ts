// Generated trade frames: the shapes of real captures, exact decimals on the grid, and sent() as ground truth.
import { afterEach, describe, expect, it } from 'vitest'
import { startSimulator, type SentTrade, type SimulatorHandle } from '../../src/simulator'
import { TestClient, type Frame } from './client'
import { waitFor } from '../support/wait-for'
import { firstTradeFrame, HAVE_FIXTURES, NO_FIXTURES_REASON } from './fixtures'

let sim: SimulatorHandle | undefined
const clients: TestClient[] = []
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()))
  await sim?.close()
  sim = undefined
})

async function subscribed(s: SimulatorHandle, category: 'spot' | 'linear' | 'inverse', symbols: string[]) {
  const c = await TestClient.connect(s.wsUrl(category))
  clients.push(c)
  await c.request({ op: 'subscribe', args: symbols.map((x) => `publicTrade.${x}`) }, (f) => f.op === 'subscribe')
  return c
}

// Shapes as captured (fixtures) when they are present; the documented orders otherwise.
const SPOT_KEYS = ['i', 'T', 'p', 'v', 'S', 'seq', 's', 'BT', 'RPI']
const DERIV_KEYS = ['T', 's', 'S', 'v', 'p', 'L', 'i', 'BT', 'RPI', 'seq']

describe('trade frames', () => {
  it.runIf(HAVE_FIXTURES)(
    `have the key order and value types of the real captures, per category${HAVE_FIXTURES ? '' : ` (skipped: ${NO_FIXTURES_REASON})`}`,
    async () => {
      const realSpot = firstTradeFrame('open-trader_spot_BTCUSDC_ws_2025-10-26.jsonl', 'publicTrade.BTCUSDC')
      const realLinear = firstTradeFrame(
        'hftbacktest_linear_BTCUSDT_publicTrade_2025-09-25.jsonl',
        'publicTrade.BTCUSDT'
      )
      sim = await startSimulator({ port: 0, tradesPerSecond: 0, seed: 3 })
      const spot = await subscribed(sim, 'spot', ['BTCUSDT'])
      const linear = await subscribed(sim, 'linear', ['BTCUSDT'])
      const inverse = await subscribed(sim, 'inverse', ['BTCUSD'])
      sim.emitTrades('spot', 'BTCUSDT', 3, { perFrame: 3 })
      sim.emitTrades('linear', 'BTCUSDT', 2, { perFrame: 2 })
      sim.emitTrades('inverse', 'BTCUSD', 2, { perFrame: 2 })
      const [s] = await waitFor(() => spot.tradeFrames().length > 0 && spot.tradeFrames(), { what: 'spot frame' })
      const [l] = await waitFor(() => linear.tradeFrames().length > 0 && linear.tradeFrames(), { what: 'linear frame' })
      const [i] = await waitFor(() => inverse.tradeFrames().length > 0 && inverse.tradeFrames(), {
        what: 'inverse frame'
      })
      const shape = (f: Frame) => ({
        frame: Object.keys(f),
        fill: Object.keys((f.data as Frame[])[0]),
        types: Object.fromEntries(Object.entries((f.data as Frame[])[0]).map(([k, v]) => [k, typeof v]))
      })
      expect(shape(s)).toEqual(shape(realSpot))
      expect(shape(l)).toEqual(shape(realLinear))
      expect(shape(i)).toEqual(shape(realLinear))
      expect(Object.keys((s.data as Frame[])[0])).toEqual(SPOT_KEYS)
      expect(Object.keys((l.data as Frame[])[0])).toEqual(DERIV_KEYS)
    }
  )

  it('spot: 19-digit ids beyond 2^53, increasing but not contiguous; shortest decimals; shared seq per frame', async () => {
    sim = await startSimulator({ port: 0, tradesPerSecond: 0, seed: 11 })
    const c = await subscribed(sim, 'spot', ['BTCUSDT', 'XRPUSDT'])
    const sent = [...sim.emitTrades('spot', 'BTCUSDT', 300), ...sim.emitTrades('spot', 'XRPUSDT', 100)]
    await waitFor(() => c.trades().length === 400, { what: '400 spot trades' })
    const btc = c.trades('publicTrade.BTCUSDT')
    const ids = btc.map((t) => BigInt(t.i as string))
    for (const id of ids) expect(id > 2n ** 53n && String(id).length === 19).toBe(true)
    for (let k = 1; k < ids.length; k++) expect(ids[k] > ids[k - 1]).toBe(true)
    expect(ids.some((id, k) => k > 0 && id - ids[k - 1] > 1n)).toBe(true)
    for (const t of c.trades()) {
      expect(t.p).toMatch(/^\d+(\.\d*[1-9])?$/) // spot prints no trailing zeros
      expect(t.v).toMatch(/^\d+(\.\d*[1-9])?$/)
      expect(Number(t.v)).toBeGreaterThan(0)
    }
    // BTCUSDT tick 0.01 and lot 0.000001; XRPUSDT tick 0.0001 and lot 0.01
    for (const t of btc) expect(decimals(t.p as string)).toBeLessThanOrEqual(2)
    for (const t of btc) expect(decimals(t.v as string)).toBeLessThanOrEqual(6)
    for (const t of c.trades('publicTrade.XRPUSDT')) expect(decimals(t.v as string)).toBeLessThanOrEqual(2)
    for (const f of c.tradeFrames()) {
      const data = f.data as Frame[]
      expect(new Set(data.map((d) => d.seq)).size).toBe(1)
      for (const d of data) expect(f.ts as number).toBeGreaterThanOrEqual(d.T as number)
    }
    expect(c.tradeFrames().some((f) => (f.data as Frame[]).length > 1)).toBe(true)
    expect(sameAsWire(sent, c)).toBe(true)
  })

  it('linear: UUID ids, every decimal of the grid, tick directions consistent with prices', async () => {
    sim = await startSimulator({ port: 0, tradesPerSecond: 0, seed: 12 })
    const c = await subscribed(sim, 'linear', ['BTCUSDT'])
    const sent = sim.emitTrades('linear', 'BTCUSDT', 400)
    await waitFor(() => c.trades().length === 400, { what: '400 linear trades' })
    const trades = c.trades()
    for (const t of trades) {
      expect(t.i).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
      expect(t.p).toMatch(/^\d+\.\d0$/) // tick 0.10, printed with 2 decimals like "109378.90"
      expect(t.v).toMatch(/^\d+\.\d{3}$/)
    }
    for (let k = 1; k < trades.length; k++) {
      const [prev, cur] = [Number(trades[k - 1].p), Number(trades[k].p)]
      const expected = cur > prev ? ['PlusTick'] : cur < prev ? ['MinusTick'] : ['ZeroPlusTick', 'ZeroMinusTick']
      expect(expected).toContain(trades[k].L)
    }
    expect(new Set(trades.map((t) => t.L)).size).toBeGreaterThan(2)
    expect(sameAsWire(sent, c)).toBe(true)
  })

  it('inverse: integer contract sizes and 0.50 price ticks', async () => {
    sim = await startSimulator({ port: 0, tradesPerSecond: 0, seed: 13 })
    const c = await subscribed(sim, 'inverse', ['BTCUSD'])
    sim.emitTrades('inverse', 'BTCUSD', 200)
    await waitFor(() => c.trades().length === 200, { what: '200 inverse trades' })
    for (const t of c.trades()) {
      expect(t.v).toMatch(/^[1-9]\d*$/)
      expect(t.p).toMatch(/^\d+\.(00|50)$/)
    }
  })

  it('never produces float artefacts over a long random walk', async () => {
    sim = await startSimulator({ port: 0, tradesPerSecond: 0, seed: 99 })
    const trades = [
      ...sim.emitTrades('spot', 'XRPUSDT', 3000),
      ...sim.emitTrades('linear', 'SOLUSDT', 3000),
      ...sim.emitTrades('spot', 'ETHUSDT', 3000)
    ]
    for (const t of trades) {
      expect(t.price).toMatch(/^\d+(\.\d{1,4})?$/)
      expect(t.size).toMatch(/^\d+(\.\d{1,6})?$/)
    }
  })
})

describe('automatic generation and sent()', () => {
  it('streams at tradesPerSecond per subscribed symbol and sent() equals what the client received, field for field', async () => {
    sim = await startSimulator({ port: 0, tradesPerSecond: 100, seed: 5, tickMs: 50 })
    const c = await subscribed(sim, 'spot', ['BTCUSDT', 'ETHUSDT'])
    const t0 = Date.now()
    await waitFor(() => c.trades().length >= 100, { what: '100 trades' })
    const elapsed = (Date.now() - t0) / 1000
    await c.close()
    const received = c.trades()
    const sent = sim.sent().filter((t) => t.delivered)
    // 2 symbols × 100/s: the first 100 trades took about half a second.
    expect(elapsed).toBeGreaterThan(0.2)
    expect(elapsed).toBeLessThan(3)
    expect(sent.slice(0, received.length).map(wireOf)).toEqual(received.map(stripSpot))
    expect(new Set(received.map((t) => t.s))).toEqual(new Set(['BTCUSDT', 'ETHUSDT']))
  })

  it('keeps trading a symbol while its client is away, marking those trades undelivered', async () => {
    sim = await startSimulator({ port: 0, tradesPerSecond: 200, seed: 6, tickMs: 20 })
    const c = await subscribed(sim, 'linear', ['ETHUSDT'])
    await waitFor(() => c.trades().length > 5, { what: 'live trades' })
    await c.close()
    const atClose = sim.sent().length
    await waitFor(() => sim!.sent().length > atClose + 20, { what: 'trades while away' })
    const away = sim.sent().slice(atClose + 5)
    expect(away.every((t) => !t.delivered && t.symbol === 'ETHUSDT')).toBe(true)
    expect(
      sim
        .sent()
        .slice(0, 5)
        .every((t) => t.delivered)
    ).toBe(true)
  })

  it('sustains 20,000 trades/s to a subscriber', async () => {
    sim = await startSimulator({ port: 0, tradesPerSecond: 20_000, seed: 7, sentCapacity: 200_000 })
    const c = await subscribed(sim, 'linear', ['BTCUSDT'])
    const t0 = Date.now()
    await waitFor(() => c.trades().length >= 30_000, { what: '30,000 trades', timeoutMs: 10_000, intervalMs: 50 })
    const rate = c.trades().length / ((Date.now() - t0) / 1000)
    expect(rate).toBeGreaterThan(15_000)
  })

  it('a seed reproduces every symbol’s prices, sizes and ids', async () => {
    const run = async () => {
      const s = await startSimulator({ port: 0, tradesPerSecond: 0, seed: 42 })
      const out = [...s.emitTrades('spot', 'BTCUSDT', 50), ...s.emitTrades('linear', 'ETHUSDT', 50)].map((t) => ({
        ...t,
        T: 0,
        ts: 0
      }))
      await s.close()
      return out
    }
    expect(await run()).toEqual(await run())
  })
})

function decimals(s: string): number {
  const dot = s.indexOf('.')
  return dot < 0 ? 0 : s.length - dot - 1
}

/** The wire fill a SentTrade stands for (spot order), to compare with a received fill. */
function wireOf(t: SentTrade): Frame {
  return {
    i: t.tradeId,
    T: t.T,
    p: t.price,
    v: t.size,
    S: t.side,
    seq: t.seq,
    s: t.symbol,
    BT: t.isBlockTrade,
    RPI: t.isRpi
  }
}

function stripSpot(f: Frame): Frame {
  return { i: f.i, T: f.T, p: f.p, v: f.v, S: f.S, seq: f.seq, s: f.s, BT: f.BT, RPI: f.RPI }
}

function sameAsWire(sent: SentTrade[], c: TestClient): boolean {
  const received = c.trades()
  if (received.length !== sent.length) return false
  return sent.every(
    (t, k) =>
      received[k].i === t.tradeId &&
      received[k].p === t.price &&
      received[k].v === t.size &&
      received[k].S === t.side &&
      received[k].T === t.T &&
      received[k].seq === t.seq &&
      received[k].s === t.symbol &&
      (t.tickDirection === undefined || received[k].L === t.tickDirection) &&
      t.delivered
  )
}
