import { afterEach, describe, expect, it } from 'vitest'
import type { Engine, EngineOptions } from '../../src/main/core/engine'
import type { SimulatorHandle } from '../../src/simulator/index'
import type { Category, CollectorStatus } from '../../src/shared/dto'
import { startStack, type Stack } from '../support/stack'
import { waitFor } from '../support/wait-for'

let stack: Stack | null = null

afterEach(async () => {
  await stack?.close()
  stack = null
})

/** The simulator and an engine collecting `symbols` from it; `start: false` lets a test arm faults before the first connect. */
async function setup(
  symbols: string[],
  category: Category = 'spot',
  opts: { options?: EngineOptions; seed?: number; start?: boolean } = {}
): Promise<Stack> {
  stack = await startStack({
    simulator: { seed: opts.seed ?? 7 },
    engine: { settings: { category, symbols }, options: opts.options, start: opts.start }
  })
  return stack
}

const status = (e: Engine): CollectorStatus =>
  e.handlers.getCollectorStatus({ name: 'bybit_trades' }) as CollectorStatus

const streaming = (e: Engine) => () => status(e).phase === 'streaming'

function expectBalanced(e: Engine): void {
  const a = e.storage.stats().accounting
  expect(a.received).toBe(a.stored + a.evicted + a.duplicates + a.rejected + a.cleared)
  expect(a.balanced).toBe(true)
}

function expectStoredEqualsSent(e: Engine, s: SimulatorHandle, category: string): void {
  const sent = s.sent().filter((t) => t.category === category)
  const stored = [...e.exportTrades()]
  expect(stored).toHaveLength(sent.length)
  const byId = new Map(stored.map((t) => [`${t.symbol}:${t.trade_id}`, t]))
  for (const t of sent) {
    const got = byId.get(`${t.symbol}:${t.tradeId}`)
    expect(got, `trade ${t.symbol} ${t.tradeId}`).toBeDefined()
    expect(got).toMatchObject({
      symbol: t.symbol,
      category,
      exchange: 'bybit',
      price: t.price,
      quantity: t.size,
      side: t.side === 'Buy' ? 'BUY' : 'SELL',
      timestamp: t.T,
      seq: t.seq,
      is_block_trade: t.isBlockTrade,
      is_rpi: t.isRpi
    })
    if (t.tickDirection !== undefined) expect(got!.tick_direction).toBe(t.tickDirection)
  }
}

describe('bybit_trades collector against the simulator (real loopback sockets)', () => {
  it('stores every spot trade field for field as the simulator sent it', async () => {
    const { sim, engine } = await setup(['BTCUSDT', 'ETHUSDT'])
    await waitFor(streaming(engine), { what: 'streaming' })
    sim.emitTrades('spot', 'BTCUSDT', 50, { perFrame: 7 })
    sim.emitTrades('spot', 'ETHUSDT', 30, { perFrame: 1 })
    await waitFor(() => engine.storage.totalTrades === 80, { what: '80 trades stored' })
    expectStoredEqualsSent(engine, sim, 'spot')
    expect(status(engine)).toMatchObject({
      trades_processed: 80,
      parse_errors: 0,
      duplicates_dropped: 0,
      status: 'connected'
    })
    const newest = await engine.handlers.getTrades({ limit: 5, symbol: 'ETHUSDT' })
    expect(newest.trades.map((t) => t.trade_id)).toEqual(
      sim
        .sent()
        .filter((t) => t.symbol === 'ETHUSDT')
        .slice(-5)
        .reverse()
        .map((t) => t.tradeId)
    )
    const logs = engine.log.recent(200).map((l) => l.message)
    for (const line of [
      `Connecting to WebSocket: ${sim.wsUrl('spot')}`,
      'WebSocket connection established for bybit_trades',
      'Connected to Bybit WebSocket API v5',
      'Successfully subscribed to: publicTrade.BTCUSDT',
      'Total trades for BTCUSDT: 1'
    ]) {
      expect(logs).toContain(line)
    }
    expect(logs.some((l) => /^Stored trade #1: BTCUSDT (BUY|SELL) [\d.]+@[\d.]+$/.test(l))).toBe(true)
    expectBalanced(engine)
  })

  it.each(['linear', 'inverse'] as const)('stores %s trades with tick direction and UUID ids', async (category) => {
    const symbol = category === 'inverse' ? 'BTCUSD' : 'BTCUSDT'
    const { sim, engine } = await setup([symbol], category)
    await waitFor(streaming(engine), { what: 'streaming' })
    sim.emitTrades(category, symbol, 40, { perFrame: 9 })
    await waitFor(() => engine.storage.totalTrades === 40, { what: '40 trades' })
    expectStoredEqualsSent(engine, sim, category)
  })

  it('keeps the other topics streaming when one subscribe is refused', async () => {
    const { sim, engine } = await setup(['BTCUSDT', 'ETHUSDT', 'SOLUSDT'], 'spot', { seed: 3, start: false })
    sim.faults.rejectSubscribe('ETHUSDT')
    await engine.start()
    await waitFor(streaming(engine), { what: 'streaming' })
    const topics = Object.fromEntries(status(engine).subscriptions.map((t) => [t.symbol, t]))
    expect(topics.BTCUSDT.state).toBe('subscribed')
    expect(topics.SOLUSDT.state).toBe('subscribed')
    expect(topics.ETHUSDT.state).toBe('failed')
    expect(topics.ETHUSDT.reason).toContain('publicTrade.ETHUSDT')
    sim.emitTrades('spot', 'BTCUSDT', 10)
    sim.emitTrades('spot', 'SOLUSDT', 10)
    await waitFor(() => engine.storage.totalTrades === 20, { what: '20 trades' })
    const health = await engine.handlers.getHealth()
    expect(health.status).toBe('degraded')
    expect(health.reasons.join(' ')).toContain('publicTrade.ETHUSDT failed')
  })

  it('recovers from a dropped connection with no duplicates and records the gap', async () => {
    const { sim, engine } = await setup(['BTCUSDT'])
    await waitFor(streaming(engine), { what: 'streaming' })
    sim.emitTrades('spot', 'BTCUSDT', 20)
    await waitFor(() => engine.storage.totalTrades === 20)
    sim.faults.duplicateOnResubscribe(5)
    sim.faults.dropConnections()
    await waitFor(() => status(engine).reconnect_count >= 1 && status(engine).phase === 'streaming', {
      what: 'reconnected and streaming'
    })
    await waitFor(() => status(engine).duplicates_dropped === 5, { what: 'the 5 resent trades dropped' })
    sim.emitTrades('spot', 'BTCUSDT', 20)
    await waitFor(() => engine.storage.totalTrades === 40)
    expectStoredEqualsSent(engine, sim, 'spot')
    const st = status(engine)
    expect(st.last_close?.code).toBe(1006)
    await waitFor(() => engine.gaps.list()[0]?.backfill === 'complete', { what: 'the gap backfilled from REST' })
    const gaps = (await engine.handlers.getGaps()).gaps
    expect(gaps).toHaveLength(1)
    expect(gaps[0]).toMatchObject({
      collector: 'bybit_trades',
      symbol: 'BTCUSDT',
      cause: 'disconnect',
      backfill: 'complete'
    })
    expect(gaps[0].to).not.toBeNull()
    expect(engine.storage.stats().duplicates_dropped).toBe(5)
    expectBalanced(engine)
  })

  it('detects a stalled connection (no data, no pongs) and recovers', async () => {
    const { sim, engine } = await setup(['BTCUSDT'])
    await waitFor(streaming(engine), { what: 'streaming' })
    sim.faults.stall(true)
    await waitFor(() => status(engine).last_error?.code === 'pong_timeout', { what: 'pong timeout' })
    sim.faults.stall(false)
    await waitFor(() => status(engine).reconnect_count >= 1 && status(engine).phase === 'streaming', {
      what: 'recovered'
    })
    sim.emitTrades('spot', 'BTCUSDT', 10)
    await waitFor(() => engine.storage.totalTrades === 10)
    expectStoredEqualsSent(engine, sim, 'spot')
  })

  it('terminates a connection that streams data but stops answering pings', async () => {
    const { sim, engine } = await setup(['BTCUSDT'])
    await waitFor(streaming(engine), { what: 'streaming' })
    sim.faults.answerPings(false)
    await waitFor(() => status(engine).last_error?.code === 'pong_timeout', { what: 'pong timeout' })
    sim.faults.answerPings(true)
    await waitFor(() => status(engine).reconnect_count >= 1 && status(engine).phase === 'streaming')
  })

  it('does not flap on a quiet market: pongs keep the connection alive', async () => {
    const { engine } = await setup(['BTCUSDT'])
    await waitFor(streaming(engine), { what: 'streaming' })
    const firstPong = await waitFor(() => status(engine).last_pong_at, { what: 'a pong' })
    // Several ping intervals and more than the pong timeout with no trade at all.
    await waitFor(() => (status(engine).last_pong_at ?? 0) > firstPong + 600, {
      what: 'pongs for 600 ms',
      timeoutMs: 3000
    })
    expect(status(engine)).toMatchObject({ reconnect_count: 0, phase: 'streaming', is_active: true })
  })

  it('shows stale after a long silence on subscribed topics without reconnecting', async () => {
    const { sim, engine } = await setup(['BTCUSDT'], 'spot', { seed: 1, options: { timings: { dataStaleMs: 300 } } })
    await waitFor(() => status(engine).status === 'stale', { what: 'stale' })
    expect(status(engine).reconnect_count).toBe(0)
    sim.emitTrades('spot', 'BTCUSDT', 1)
    await waitFor(() => status(engine).status === 'connected', { what: 'back to connected' })
  })

  it('times out an unanswered subscribe, retries once, then reconnects', async () => {
    const { sim, engine } = await setup(['BTCUSDT'])
    await waitFor(streaming(engine))
    sim.faults.ackSubscribe(false)
    sim.faults.dropConnections(1001, 'going away')
    await waitFor(() => status(engine).last_close?.code === 1001, { what: 'close code recorded' })
    expect(status(engine).last_close?.reason).toBe('going away')
    const logged = (line: string) => () => engine.log.recent(500).some((l) => l.message === line)
    await waitFor(logged('No subscribe reply for publicTrade.BTCUSDT, subscribing again'), { what: 'one retry' })
    expect(status(engine).reconnect_count).toBe(1)
    await waitFor(() => status(engine).reconnect_count >= 2, { what: 'reconnect after the retry', timeoutMs: 5000 })
    expect(engine.log.recent(500).map((l) => l.message)).toContain(
      'Collector bybit_trades not active, forcing reconnection'
    )
    sim.faults.ackSubscribe(true)
    await waitFor(streaming(engine), { what: 'streaming again', timeoutMs: 5000 })
  })

  it('backs off with a visible next attempt while connections are refused, and stops cleanly in backoff', async () => {
    const { sim, engine } = await setup(['BTCUSDT'])
    await waitFor(streaming(engine))
    sim.faults.refuseConnections(true)
    sim.faults.dropConnections()
    const st = await waitFor(() => {
      const s = status(engine)
      return s.reconnect_count >= 2 && s.phase === 'backoff' ? s : null
    })
    expect(st.status).toBe('reconnecting')
    expect(st.next_reconnect_at).toBeGreaterThanOrEqual(Date.now() - 50)
    expect(st.last_error?.message).toContain('503')
    expect(engine.log.recent(500).some((l) => l.message.startsWith('WebSocket connection error: '))).toBe(true)
    sim.faults.refuseConnections(false)
    await waitFor(streaming(engine), { what: 'streaming after refusals', timeoutMs: 5000 })
    sim.faults.refuseConnections(true)
    sim.faults.dropConnections()
    await waitFor(() => status(engine).phase === 'backoff')
    await engine.stop()
    expect(status(engine)).toMatchObject({ status: 'stopped', next_reconnect_at: null })
  })

  it('after resume, pings at once and reconnects when no pong comes back', async () => {
    const { sim, engine } = await setup(['BTCUSDT'])
    await waitFor(streaming(engine))
    sim.faults.answerPings(false)
    engine.onResume()
    await waitFor(() => status(engine).reconnect_count >= 1, { what: 'reconnect after resume', timeoutMs: 1000 })
    sim.faults.answerPings(true)
    await waitFor(streaming(engine))
  })
})
