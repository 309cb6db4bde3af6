// `npm run serve` as a user runs it (a child process): with --no-mirror no port is opened while
// trades are collected; with the mirror on, it prints the UI URL and how to use the token from curl,
// and the printed token works.

import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { http } from './support'
import { startScript, type RunningScript } from '../support/child-script'
import { startStack, type SimulatorStack } from '../support/stack'
import { waitFor } from '../support/wait-for'
import { freePort } from '../support/loopback'

let simulator: SimulatorStack
let serving: RunningScript | null = null

beforeEach(async () => {
  simulator = await startStack({ simulator: { tradesPerSecond: 20, seed: 3 }, engine: false })
})
afterEach(async () => {
  await serving?.stop()
  serving = null
  await simulator.close()
})

function serve(args: string[]): RunningScript {
  const { sim } = simulator
  serving = startScript('src/cli/serve.ts', ['--ws-url', sim.wsUrl('spot'), '--rest-url', sim.restUrl, ...args], {
    env: { MDM_UI_BUILD: 'off' }
  })
  return serving
}

describe('npm run serve', () => {
  it('--no-mirror collects trades and opens no port', async () => {
    const port = await freePort()
    const run = serve(['--no-mirror', '--port', String(port), '--symbols', 'BTCUSDT'])
    await waitFor(() => /Total trades for BTCUSDT: \d+/.test(run.all()), { what: 'trades logged', timeoutMs: 15_000 })
    expect(run.all()).toContain('Mirror disabled (--no-mirror)')
    expect(run.all()).not.toContain('Mirror listening')
    await expect(http(port, '/health')).rejects.toThrow(/ECONNREFUSED/)
  })

  it('with the mirror: prints the URL and the token usage, and the printed token works', async () => {
    const port = await freePort()
    const run = serve(['--port', String(port), '--symbols', 'BTCUSDT,ETHUSDT'])
    // The block's last line names the reconnect call; by then the token line is printed too.
    const token = await waitFor(() => /export MDM_TOKEN=([A-Za-z0-9_-]+)\n.*curl -X POST/.exec(run.all())?.[1], {
      what: 'the token usage',
      timeoutMs: 15_000
    })
    expect(run.all()).toContain(`UI:      http://127.0.0.1:${port}/`)
    expect(run.all()).toContain(
      `curl -X POST -H "X-MDM-Token: $MDM_TOKEN" http://127.0.0.1:${port}/collectors/bybit_trades/reconnect`
    )
    const health = await http(port, '/health', { host: `localhost:${port}` })
    expect(health.status).toBe(200)
    const refused = await http(port, '/collectors/bybit_trades/reconnect', { method: 'POST' })
    expect(refused.status).toBe(401)
    const reconnect = await http(port, '/collectors/bybit_trades/reconnect', {
      method: 'POST',
      headers: { 'X-MDM-Token': token }
    })
    expect([reconnect.status, JSON.parse(reconnect.text)]).toEqual([
      200,
      { ok: true, message: 'Collector bybit_trades: reconnecting now' }
    ])
    // A clean stop closes the port.
    run.child.kill('SIGINT')
    expect(await run.exited).toBe(0)
    await expect(http(port, '/health')).rejects.toThrow(/ECONNREFUSED/)
  })
})
