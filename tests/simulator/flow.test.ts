// The market's shape as a subscriber sees it: a total rate spread over the board with Zipf-skewed
// weights (a few hot symbols, a long quiet tail), and a burst that delivers rate × duration trades.
// Counts come from what the client received; no assertion is about how fast this machine is.
import { describe, expect, it } from 'vitest'
import type { SimStatsSnapshot, SimulatorHandle } from '../../src/simulator'
import { simulatorPerTest } from './scope'
import type { TestClient } from './client'
import { waitFor } from '../support/wait-for'

const scope = simulatorPerTest()

/** Trading linear symbols with their popularity rank (symbolId), most traded first. */
async function board(s: SimulatorHandle): Promise<string[]> {
  const res = await fetch(`${s.restUrl}/v5/market/instruments-info?category=linear&limit=1000`)
  const body = (await res.json()) as { result: { list: { symbol: string; symbolId: number }[] } }
  return body.result.list.sort((a, b) => a.symbolId - b.symbolId).map((i) => i.symbol)
}

async function subscribeAll(_s: SimulatorHandle, symbols: string[]): Promise<TestClient> {
  const c = await scope.connect('linear')
  const ack = await c.request(
    { op: 'subscribe', args: symbols.map((x) => `publicTrade.${x}`) },
    (f) => f.op === 'subscribe'
  )
  expect(ack).toMatchObject({ success: true })
  return c
}

/**
 * Stops the market and waits for the client to hold every trade generated, so the counts cover whole
 * generator ticks (a tick emits hot symbols first; a cut inside one would favour them).
 */
async function settle(s: SimulatorHandle, c: TestClient): Promise<void> {
  s.faults.pauseTrades(true)
  await waitFor(() => c.tradeCount === s.sent().length, { what: 'every generated trade received' })
}

function countBySymbol(c: TestClient): Map<string, number> {
  const counts = new Map<string, number>()
  for (const t of c.trades()) counts.set(String(t.s), (counts.get(String(t.s)) ?? 0) + 1)
  return counts
}

async function stats(s: SimulatorHandle): Promise<SimStatsSnapshot> {
  return (await (await fetch(`${s.restUrl}/sim/stats`)).json()) as SimStatsSnapshot
}

const harmonic = (n: number, s = 1): number =>
  Array.from({ length: n }, (_, k) => 1 / (k + 1) ** s).reduce((a, b) => a + b)

describe('Zipf-skewed total rate', () => {
  it('a few hot symbols carry most trades, the long tail little; every symbol trades', async () => {
    const sim = await scope.start({ seed: 8, instruments: { linear: 200 }, totalRate: 20_000, zipf: 1 })
    const symbols = await board(sim)
    expect(symbols).toHaveLength(200)
    expect(symbols.slice(0, 2)).toEqual(['BTCUSDT', 'ETHUSDT'])
    const c = await subscribeAll(sim, symbols)
    await waitFor(() => c.tradeCount >= 40_000, { what: '40,000 trades', timeoutMs: 30_000 })
    await settle(sim, c)
    const counts = countBySymbol(c)
    const total = [...counts.values()].reduce((a, b) => a + b)
    const share = (from: number, to: number): number =>
      symbols.slice(from, to).reduce((a, s) => a + (counts.get(s) ?? 0), 0) / total
    // Expected with s = 1 over 200 ranks: top 10 ≈ 49.8 %, ranks 101-200 ≈ 11.8 %.
    expect(share(0, 10)).toBeGreaterThan(0.42)
    expect(share(0, 10)).toBeLessThan(0.58)
    expect(share(100, 200)).toBeLessThan(0.16)
    expect(share(100, 200)).toBeGreaterThan(0.07)
    const at = (rank: number): number => counts.get(symbols[rank - 1]) ?? 0
    expect(at(1)).toBeGreaterThan(5 * at(10))
    expect(at(10)).toBeGreaterThan(5 * at(100))
    expect(at(1) / total).toBeGreaterThan((0.7 * 1) / harmonic(200))
    expect(counts.size).toBeGreaterThan(190)
  }, 60_000)

  it('zipf 0 spreads the total rate evenly', async () => {
    const sim = await scope.start({ seed: 8, instruments: { linear: 50 }, totalRate: 10_000, zipf: 0 })
    const symbols = await board(sim)
    const c = await subscribeAll(sim, symbols)
    await waitFor(() => c.tradeCount >= 10_000, { what: '10,000 trades', timeoutMs: 30_000 })
    await settle(sim, c)
    const counts = [...countBySymbol(c).values()]
    expect(counts).toHaveLength(50)
    expect(Math.max(...counts) / Math.min(...counts)).toBeLessThan(1.5)
  }, 60_000)
})

describe('burst (liquidation cascade)', () => {
  it('POST /sim/burst: rate × duration trades over the subscribed symbols, batched many per frame', async () => {
    // No trades but the burst's, so every trade the client gets belongs to it.
    const sim = await scope.start({ seed: 9, tradesPerSecond: 0, instruments: { linear: 50 } })
    const symbols = await board(sim)
    const c = await subscribeAll(sim, symbols)
    const res = await fetch(`${sim.restUrl}/sim/burst?rate=50000&seconds=1`, { method: 'POST' })
    expect(await res.json()).toEqual({ ok: true, rate: 50_000, seconds: 1 })
    const during = await stats(sim)
    expect(during.burst).toMatchObject({ active: true, rate: 50_000, started_total: 1 })
    // Each symbol's share is floored, so up to one trade per symbol stays in its carry. Polled on the
    // running count: rebuilding 50,000 trades every 10 ms starved the receiving socket on a busy host.
    await waitFor(() => c.tradeCount >= 50_000 - symbols.length, { what: 'the burst', timeoutMs: 30_000 })
    await waitFor(async () => !(await stats(sim)).burst.active, { what: 'the burst to end' })
    const after = await stats(sim)
    expect(c.trades().length).toBe(after.trades_generated)
    expect(after.trades_generated).toBeLessThanOrEqual(50_000)
    const frames = c.tradeFrames().length
    expect(c.trades().length / frames).toBeGreaterThan(4)
    for (const f of c.tradeFrames()) expect((f.data as unknown[]).length).toBeLessThanOrEqual(1024)
    // The cascade hits the hot symbols hardest.
    const counts = countBySymbol(c)
    expect(counts.get('BTCUSDT') ?? 0).toBeGreaterThan(5 * (counts.get(symbols[49]) ?? 0))
  }, 60_000)

  it('handle.burst() on top of a total rate, then back to it', async () => {
    const sim = await scope.start({ seed: 9, instruments: { linear: 20 }, totalRate: 1000 })
    const c = await subscribeAll(sim, await board(sim))
    await waitFor(() => c.tradeCount >= 200, { what: 'normal trades' })
    const before = (await stats(sim)).trades_generated
    sim.burst({ rate: 20_000, seconds: 0.5 })
    await waitFor(async () => !(await stats(sim)).burst.active, { what: 'the burst to end' })
    const generated = (await stats(sim)).trades_generated
    // 10,000 from the burst (less at most one per symbol left in its carry), plus the normal flow.
    expect(generated - before).toBeGreaterThanOrEqual(10_000 - 20)
    await waitFor(() => c.tradeCount >= generated + 200, { what: 'normal trades after the burst' })
  })

  it('rejects a burst it cannot run', async () => {
    const sim = await scope.start({ tradesPerSecond: 0 })
    const post = (q: string): Promise<Response> => fetch(`${sim.restUrl}/sim/burst${q}`, { method: 'POST' })
    expect((await post('?rate=-1')).status).toBe(400)
    expect((await post('?seconds=0')).status).toBe(400)
    expect((await post('?seconds=abc')).status).toBe(400)
    expect((await fetch(`${sim.restUrl}/sim/burst`)).status).toBe(405)
  })
})
