// `npm run serve` as a user runs it (a child process): with --no-mirror no port is opened while
// trades are collected; with the mirror on, it prints the UI URL and how to use the token from curl,
// and the printed token works.

import { spawn, type ChildProcess } from 'node:child_process'
import { resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { http } from './support'
import { startStack, type SimulatorStack } from '../support/stack'
import { waitFor } from '../support/wait-for'
import { freePort } from '../support/loopback'

const ROOT = resolve(__dirname, '..', '..')
const TSX = resolve(ROOT, 'node_modules', '.bin', 'tsx')

let simulator: SimulatorStack
let child: ChildProcess | null = null
let output = ''

beforeEach(async () => {
  simulator = await startStack({ simulator: { tradesPerSecond: 20, seed: 3 }, engine: false })
})
afterEach(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child?.once('exit', r))
    child.kill('SIGTERM')
    await exited
  }
  child = null
  output = ''
  await simulator.close()
})

function serve(args: string[]): void {
  child = spawn(
    TSX,
    [
      resolve(ROOT, 'src/cli/serve.ts'),
      '--ws-url',
      simulator.sim.wsUrl('spot'),
      '--rest-url',
      simulator.sim.restUrl,
      ...args
    ],
    {
      cwd: ROOT,
      env: { ...process.env, MDM_UI_BUILD: 'off' },
      stdio: ['ignore', 'pipe', 'pipe']
    }
  )
  child.stdout?.on('data', (c: Buffer) => (output += c.toString('utf8')))
  child.stderr?.on('data', (c: Buffer) => (output += c.toString('utf8')))
}

describe('npm run serve', () => {
  it('--no-mirror collects trades and opens no port', async () => {
    const port = await freePort()
    serve(['--no-mirror', '--port', String(port), '--symbols', 'BTCUSDT'])
    await waitFor(() => /Total trades for BTCUSDT: \d+/.test(output), { what: 'trades logged', timeoutMs: 15_000 })
    expect(output).toContain('Mirror disabled (--no-mirror)')
    expect(output).not.toContain('Mirror listening')
    await expect(http(port, '/health')).rejects.toThrow(/ECONNREFUSED/)
  })

  it('with the mirror: prints the URL and the token usage, and the printed token works', async () => {
    const port = await freePort()
    serve(['--port', String(port), '--symbols', 'BTCUSDT,ETHUSDT'])
    const token = await waitFor(() => /export MDM_TOKEN=([A-Za-z0-9_-]+)/.exec(output)?.[1], {
      what: 'the token line',
      timeoutMs: 15_000
    })
    expect(output).toContain(`UI:      http://127.0.0.1:${port}/`)
    expect(output).toContain(
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
    const exited = new Promise<number | null>((r) => child?.once('exit', (code) => r(code)))
    child?.kill('SIGINT')
    expect(await exited).toBe(0)
    await expect(http(port, '/health')).rejects.toThrow(/ECONNREFUSED/)
  })
})
