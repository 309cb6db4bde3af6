// One collector, several categories and shards: each category on its own connection(s) within the
// limits, the status the worst of them with every connection and topic inside, the guide's lines,
// per-connection tasks, and a refused topic reported once, never asked for in a loop.
import { afterEach, describe, expect, it } from 'vitest'
import type { CollectorTimings } from '../../src/main/core/collector/timings'
import type { Engine } from '../../src/main/core/engine'
import type { CollectorStatus, TopicStatus } from '../../src/shared/dto'
import type { Settings } from '../../src/shared/settings'
import { startStack, type Stack } from '../support/stack'
import { waitFor } from '../support/wait-for'

let stack: Stack | null = null

afterEach(async () => {
  await stack?.close()
  stack = null
})

async function setup(settings: Partial<Settings>, timings: Partial<CollectorTimings> = {}): Promise<Stack> {
  stack = await startStack({ simulator: { seed: 11 }, engine: { settings, options: { timings } } })
  return stack
}

const status = (e: Engine): CollectorStatus =>
  e.handlers.getCollectorStatus({ name: 'bybit_trades' }) as CollectorStatus

const topic = (s: CollectorStatus, category: string, symbol: string): TopicStatus | undefined =>
  s.subscriptions.find((t) => t.category === category && t.symbol === symbol)

const allSubscribed = (e: Engine) => () => {
  const s = status(e)
  return s.status === 'connected' && s.subscriptions.every((t) => t.state === 'subscribed')
}

/** Every topic answered (subscribed or refused) on connected connections. */
const allAnswered = (e: Engine) => () => {
  const s = status(e)
  return s.status === 'connected' && s.subscriptions.every((t) => t.state === 'subscribed' || t.state === 'failed')
}

const subscribeLines = (e: Engine): number =>
  e.log.recent(1000).filter((l) => l.message.startsWith('Subscribing to:')).length

describe('bybit_trades over several categories and connections', () => {
  it('collects spot, linear and inverse at once, one connection each, with the guide status and lines', async () => {
    const { sim, engine } = await setup({
      category: 'spot,linear,inverse',
      symbols: ['spot:BTCUSDT', 'linear:ETHUSDT', 'inverse:BTCUSD', 'SOLUSDT']
    })
    await waitFor(allAnswered(engine), { what: 'every topic answered' })
    const s = status(engine)
    expect(s.categories).toEqual(['spot', 'linear', 'inverse'])
    expect(s.category).toBe('spot')
    // A bare symbol goes to every selected category: SOLUSDT on spot and linear, and on inverse too,
    // where the simulator does not list it and refuses it.
    expect(s.connections!.map((c) => [c.id, c.state, c.topics])).toEqual([
      ['spot.0', 'connected', 2],
      ['linear.0', 'connected', 2],
      ['inverse.0', 'connected', 2]
    ])
    expect(s.connections!.map((c) => new URL(c.url).pathname)).toEqual([
      '/v5/public/spot',
      '/v5/public/linear',
      '/v5/public/inverse'
    ])
    expect(topic(s, 'linear', 'ETHUSDT')).toMatchObject({ state: 'subscribed', connection: 'linear.0' })
    expect(topic(s, 'inverse', 'SOLUSDT')).toMatchObject({ state: 'failed', connection: 'inverse.0' })

    sim.emitTrades('spot', 'BTCUSDT', 10)
    sim.emitTrades('linear', 'ETHUSDT', 20)
    sim.emitTrades('inverse', 'BTCUSD', 30)
    sim.emitTrades('linear', 'SOLUSDT', 5)
    await waitFor(() => engine.storage.totalTrades === 65, { what: '65 trades' })
    const counts = new Map(engine.storage.symbolCounts().map((c) => [`${c.category}:${c.symbol}`, c.count]))
    expect(Object.fromEntries(counts)).toEqual({
      'spot:BTCUSDT': 10,
      'linear:ETHUSDT': 20,
      'inverse:BTCUSD': 30,
      'linear:SOLUSDT': 5
    })
    // The newest N across every category and symbol.
    const newest = await engine.handlers.getTrades({ limit: 65 })
    expect(newest.count).toBe(65)
    expect(new Set(newest.trades.map((t) => t.category))).toEqual(new Set(['spot', 'linear', 'inverse']))
    expect(status(engine).trades_processed).toBe(65)

    const tasks = engine.handlers.getTasks().tasks
    for (const id of ['spot.0', 'linear.0', 'inverse.0']) {
      for (const part of ['socket', 'heartbeat', 'watchdog']) expect(tasks[`bybit_trades.${id}.${part}`]).toBeDefined()
    }
    expect(tasks['bybit_trades.linear.0.socket'].state).toBe('running')
    const lines = engine.log.recent(500).map((l) => l.message)
    expect(lines).toContain('WebSocket connection established for bybit_trades [linear.0]')
    expect(lines.filter((l) => l === 'Connected to Bybit WebSocket API v5')).toHaveLength(3)
    expect(lines).toContain(
      'Starting collector bybit_trades (spot: BTCUSDT, SOLUSDT; linear: ETHUSDT, SOLUSDT; inverse: BTCUSD, SOLUSDT)'
    )
  })

  it('reports a refused topic per topic with the exchange words and does not ask again', async () => {
    const { engine } = await setup({ category: 'spot,inverse', symbols: ['BTCUSDT', 'BTCUSD'] })
    await waitFor(allAnswered(engine), { what: 'every topic answered' })
    const s = status(engine)
    const sent = subscribeLines(engine)
    expect(topic(s, 'spot', 'BTCUSDT')?.state).toBe('subscribed')
    expect(topic(s, 'inverse', 'BTCUSD')?.state).toBe('subscribed')
    const refused = topic(s, 'inverse', 'BTCUSDT')!
    expect(refused.state).toBe('failed')
    expect(refused.reason).toContain('publicTrade.BTCUSDT')
    expect(topic(s, 'spot', 'BTCUSD')?.state).toBe('failed')
    expect(s.last_error?.code).toBe('subscribe_failed')
    // Not asked again: the refused topics keep the time of their only request, and nothing reconnects.
    const asked = refused.requested_at
    await new Promise((r) => setTimeout(r, 600))
    const later = status(engine)
    expect(topic(later, 'inverse', 'BTCUSDT')).toMatchObject({ state: 'failed', requested_at: asked })
    expect(later).toMatchObject({ reconnect_count: 0, status: 'connected', is_active: true })
    expect(subscribeLines(engine)).toBe(sent)
  })

  it('shards a category over several connections within the limits, none refused', async () => {
    const symbols = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT', 'XRPUSDT']
    const { sim, engine } = await setup({ category: 'linear', symbols }, { maxTopicsPerConnection: 3 })
    await waitFor(allSubscribed(engine), { what: 'every topic subscribed' })
    const s = status(engine)
    expect(s.connections!.map((c) => [c.id, c.topics, c.subscribed, c.failed])).toEqual([
      ['linear.0', 3, 3, 0],
      ['linear.1', 1, 1, 0]
    ])
    expect(s.connections!.every((c) => c.args_chars <= 21_000)).toBe(true)
    for (const symbol of symbols) sim.emitTrades('linear', symbol, 7)
    await waitFor(() => engine.storage.totalTrades === 28, { what: '28 trades' })
    const metrics = engine.metricsText()
    expect(metrics).toContain('mdm_connection_up{collector="bybit_trades",connection="linear.1",category="linear"} 1')
    expect(metrics).toContain(
      'mdm_connection_topics{collector="bybit_trades",connection="linear.0",category="linear",state="subscribed"} 3'
    )
    expect(status(engine).subscriptions.map((t) => t.connection)).toEqual([
      'linear.0',
      'linear.0',
      'linear.0',
      'linear.1'
    ])
  })

  it('spreads the args limit: a connection never holds more than the characters allowed', async () => {
    // 60 characters allow two `publicTrade.XXXUSDT` topics (JSON array) per connection.
    const symbols = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT', 'XRPUSDT']
    const { engine } = await setup({ category: 'spot', symbols }, { maxArgsCharsPerConnection: 60 })
    await waitFor(allSubscribed(engine), { what: 'every topic subscribed' })
    const conns = status(engine).connections!
    expect(conns.map((c) => c.topics)).toEqual([2, 2])
    expect(conns.every((c) => c.args_chars <= 60)).toBe(true)
  })

  it('delays a connection the shared budget has no room for; the status is the worst connection meanwhile', async () => {
    const { engine } = await setup(
      { category: 'spot', symbols: ['BTCUSDT', 'ETHUSDT'] },
      { maxTopicsPerConnection: 1, connectBudget: 1, connectBudgetWindowMs: 1500 }
    )
    await waitFor(() => status(engine).connections!.some((c) => c.state === 'connected'), { what: 'one connected' })
    const s = status(engine)
    const waiting = s.connections!.find((c) => c.state !== 'connected')!
    expect(waiting.phase).toBe('backoff')
    expect(waiting.last_error?.code).toBe('connect_budget')
    expect(s.status).toBe('reconnecting')
    expect(s.is_active).toBe(true)
    expect(s.connect_budget).toMatchObject({ used: 1, limit: 1 })
    await waitFor(allSubscribed(engine), { what: 'the second connected after the window', timeoutMs: 5000 })
    expect(status(engine).connections!.map((c) => c.state)).toEqual(['connected', 'connected'])
  })
})
