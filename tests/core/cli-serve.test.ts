import { afterEach, describe, expect, it } from 'vitest'
import { startScript, type RunningScript } from '../support/child-script'
import { startStack, type SimulatorStack } from '../support/stack'
import { waitFor } from '../support/wait-for'

const running: RunningScript[] = []
function runServe(args: string[]): RunningScript {
  const serve = startScript('src/cli/serve.ts', args)
  running.push(serve)
  return serve
}

let simulator: SimulatorStack | null = null
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()))
  await simulator?.close()
  simulator = null
})

describe('npm run serve (spawned)', () => {
  it('exits 2 with a one-line message on a bad flag, and prints usage on --help', async () => {
    const bad = runServe(['--ws-url', 'ws://example.com/x'])
    expect(await bad.exited).toBe(2)
    expect(bad.err().trim().split('\n')).toHaveLength(1)
    expect(bad.err()).toMatch(/^serve: flag_invalid: --ws-url: ws:\/\/ is accepted only for loopback hosts/)
    const help = runServe(['--help'])
    expect(await help.exited).toBe(0)
    expect(help.out()).toContain('--max-trades-per-symbol')
  })

  it('collects from the simulator, prints the guide lines, survives a simulator restart, stops on SIGTERM', async () => {
    simulator = await startStack({ simulator: { tradesPerSecond: 20, seed: 4 }, engine: false })
    const wsUrl = simulator.sim.wsUrl('spot')
    const serve = runServe(['--no-mirror', '--ws-url', wsUrl, '--symbols', 'BTCUSDT,ETHUSDT'])
    await waitFor(() => serve.out().includes('Total trades for ETHUSDT: 1'), { timeoutMs: 15_000, what: serve.out() })
    const out = serve.out()
    expect(out).toMatch(
      /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} - bybit_trades - INFO - Connecting to WebSocket: ws:\/\/127\.0\.0\.1:/m
    )
    for (const line of [
      ' - bybit_trades - INFO - WebSocket connection established for bybit_trades',
      ' - bybit_trades - INFO - Connected to Bybit WebSocket API v5',
      ' - bybit_trades - INFO - Successfully subscribed to: publicTrade.BTCUSDT',
      ' - bybit_trades - INFO - Stored trade #1: '
    ]) {
      expect(out).toContain(line)
    }
    // --log-level defaults to info: the guide's DEBUG lines are kept for the UI, not printed.
    expect(out).not.toContain(' - DEBUG - ')
    await simulator.restartSimulator({ seed: 5 })
    const mark = serve.out().length
    await waitFor(() => serve.out().slice(mark).includes('Successfully subscribed to: publicTrade.ETHUSDT'), {
      timeoutMs: 15_000,
      what: 'resubscribed after the simulator restart'
    })
    await waitFor(() => /Stored trade #\d+: ETHUSDT/.test(serve.out().slice(mark)), { timeoutMs: 10_000 })
    serve.child.kill('SIGTERM')
    expect(await serve.exited).toBe(0)
    expect(serve.out()).toContain('Engine stopped')
  }, 40_000)

  it("--log-level debug prints the guide's `Processed trade: Trade(...)` lines (MDM_LOG_LEVEL alike)", async () => {
    simulator = await startStack({ simulator: { tradesPerSecond: 20, seed: 4 }, engine: false })
    const wsUrl = simulator.sim.wsUrl('spot')
    const processed =
      /^\S+ \S+ - bybit_trades - DEBUG - Processed trade: Trade\(symbol='BTCUSDT', side='(BUY|SELL)', price=Decimal\('[\d.]+'\), quantity=Decimal\('[\d.]+'\), timestamp=\d+, exchange='bybit', category='spot', trade_id='[^']+'\)/m
    const byFlag = runServe(['--no-mirror', '--ws-url', wsUrl, '--log-level', 'debug'])
    const byEnv = startScript('src/cli/serve.ts', ['--no-mirror', '--ws-url', wsUrl], {
      env: { MDM_LOG_LEVEL: 'debug' }
    })
    running.push(byEnv)
    for (const serve of [byFlag, byEnv])
      await waitFor(() => processed.test(serve.out()), { timeoutMs: 15_000, what: 'a DEBUG Processed trade line' })
  }, 40_000)
})
