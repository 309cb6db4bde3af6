// The done-when of issue 12's collector part: `npm run serve -- --category linear --symbols ALL`
// against the simulator subscribes every listed symbol with no request refused, and streams them;
// the guide's interface answers as before (one status, the newest trades across all symbols).
import { afterEach, describe, expect, it } from 'vitest'
import type { CollectorStatus, TradesResponse } from '../../src/shared/dto'
import { startScript, type RunningScript } from '../support/child-script'
import { freePort } from '../support/loopback'
import { startStack, type SimulatorStack } from '../support/stack'
import { waitFor } from '../support/wait-for'

let serve: RunningScript | null = null
let simulator: SimulatorStack | null = null
afterEach(async () => {
  await serve?.stop()
  serve = null
  await simulator?.close()
  simulator = null
})

describe('npm run serve -- --category linear --symbols ALL (spawned)', () => {
  it('subscribes every listed linear symbol, none refused, and streams them', async () => {
    // The simulator's Bybit-sized linear board (520 instruments), trades Zipf-spread over them.
    simulator = await startStack({ simulator: { tradesPerSecond: 0, totalRate: 2000, seed: 9 }, engine: false })
    const { sim } = simulator
    const port = await freePort()
    const args = ['--category', 'linear', '--symbols', 'ALL', '--ws-url', sim.wsUrl('linear')]
    serve = startScript('src/cli/serve.ts', [
      ...args,
      '--rest-url',
      sim.restUrl,
      '--port',
      String(port),
      '--ui-build',
      'off'
    ])
    const get = async <T>(path: string): Promise<T> => {
      const res = await fetch(`http://127.0.0.1:${port}${path}`)
      return (await res.json()) as T
    }
    const listed = sim.stats().instruments.linear.Trading
    expect(listed).toBeGreaterThanOrEqual(500)
    const running = serve
    await waitFor(
      async () => {
        if (!running.out().includes('Instrument listing for linear')) return false
        const s = await get<CollectorStatus>('/collectors/status/bybit_trades')
        return s.subscriptions.length === listed && s.subscriptions.every((t) => t.state === 'subscribed')
      },
      { what: `${listed} topics subscribed`, timeoutMs: 30_000, intervalMs: 250 }
    )
    const status = await get<CollectorStatus>('/collectors/status/bybit_trades')
    expect(status).toMatchObject({ name: 'bybit_trades', status: 'connected', is_active: true, category: 'linear' })
    expect(status.symbols).toHaveLength(listed)
    expect(status.connections!.reduce((n, c) => n + c.topics, 0)).toBe(listed)
    expect(status.connections!.every((c) => c.state === 'connected' && c.args_chars <= 21_000)).toBe(true)
    expect(sim.stats().rejected_requests.total).toBe(0)
    expect(sim.stats().topics_subscribed.linear).toBe(listed)

    await waitFor(async () => (await get<TradesResponse>('/collectors/trades?limit=500')).count === 500, {
      what: '500 trades stored',
      timeoutMs: 15_000,
      intervalMs: 250
    })
    const newest = await get<TradesResponse>('/collectors/trades?limit=500')
    expect(new Set(newest.trades.map((t) => t.symbol)).size).toBeGreaterThan(20)
    const out = running.out()
    expect(out).toContain(' - bybit_trades - INFO - WebSocket connection established for bybit_trades [linear.0]')
    expect(out).toContain(' - bybit_trades - INFO - Connected to Bybit WebSocket API v5')
    expect(out).toMatch(/ - bybit_trades - INFO - Stored trade #1: /)
  }, 60_000)
})
