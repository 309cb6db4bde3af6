import { spawn } from 'node:child_process'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startSimulator, type SimulatorHandle } from '../../src/simulator/index'
import { REPO_ROOT } from '../support/fixtures'
import { waitFor } from '../support/wait-for'

const TSX = path.join(REPO_ROOT, 'node_modules/.bin/tsx')
const SERVE = path.join(REPO_ROOT, 'src/cli/serve.ts')

function runServe(args: string[], env: Record<string, string> = {}) {
  const child = spawn(TSX, [SERVE, ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: 'pipe' })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, exited, out: () => stdout, err: () => stderr }
}

let sim: SimulatorHandle | null = null
afterEach(async () => {
  await sim?.close()
  sim = null
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
    sim = await startSimulator({ port: 0, tradesPerSecond: 20, seed: 4 })
    const port = sim.port
    const serve = runServe(['--no-mirror', '--ws-url', sim.wsUrl('spot'), '--symbols', 'BTCUSDT,ETHUSDT'])
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
    await sim.close()
    sim = await startSimulator({ port, tradesPerSecond: 20, seed: 5 })
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
})
