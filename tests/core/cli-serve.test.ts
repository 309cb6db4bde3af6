import { afterEach, describe, expect, it } from 'vitest'
import { parseFlags } from '../../src/cli/flags'
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

describe('flags', () => {
  it('parses every flag, flags over MDM_* env', () => {
    const r = parseFlags(
      [
        '--no-mirror',
        '--category',
        'linear',
        '--symbols=btcusdt,ETHUSDT',
        '--ws-url',
        'ws://127.0.0.1:9100/v5/public/linear',
        '--rest-url',
        'http://localhost:9100',
        '--max-trades-per-symbol',
        '5000',
        '--record',
        '/tmp/x.ndjson',
        '--port',
        '8100',
        '--testnet'
      ],
      { MDM_SYMBOLS: 'SOLUSDT', MDM_CATEGORY: 'inverse', MDM_HOST: 'localhost' }
    )
    expect(r.kind).toBe('run')
    if (r.kind !== 'run') return
    expect(r.options).toMatchObject({ host: 'localhost', port: 8100, mirror: false })
    expect(r.options.settings).toMatchObject({
      category: 'linear',
      symbols: ['BTCUSDT', 'ETHUSDT'],
      wsUrl: 'ws://127.0.0.1:9100/v5/public/linear',
      restUrl: 'http://localhost:9100',
      testnet: true,
      maxTradesPerSymbol: 5000,
      recordFile: '/tmp/x.ndjson'
    })
    const env = parseFlags([], { MDM_SYMBOLS: 'SOLUSDT', MDM_NO_MIRROR: '1' })
    expect(env.kind === 'run' && env.options.settings.symbols).toEqual(['SOLUSDT'])
    expect(env.kind === 'run' && env.options.mirror).toBe(false)
  })

  it.each([
    [['--bogus'], 'unknown flag "--bogus"'],
    [['--ws-url', 'ws://example.com/v5/public/spot'], '--ws-url: ws:// is accepted only for loopback hosts'],
    [['--category', 'option'], '--category: category must be one of spot, linear, inverse'],
    [['--max-trades-per-symbol', '5'], '--max-trades-per-symbol: value must be an integer between 100 and 2000000'],
    [['--symbols'], '--symbols needs a value'],
    [['--testnet=yes'], '--testnet takes no value'],
    [['--host', '0.0.0.0'], '--host: must be a loopback address']
  ])('%j → %s', (argv, message) => {
    const r = parseFlags(argv, {})
    expect(r.kind).toBe('error')
    if (r.kind === 'error') {
      expect(r.message).toContain(message)
      expect(r.exitCode).toBe(2)
    }
  })

  it('names the env variable in an env error', () => {
    const r = parseFlags([], { MDM_PORT: 'abc' })
    expect(r.kind === 'error' && r.message).toBe('MDM_PORT: port must be an integer between 1024 and 65535')
  })
})

describe('npm run serve (spawned)', () => {
  it('exits 2 with a one-line message on a bad flag, and prints usage on --help', async () => {
    const bad = runServe(['--ws-url', 'ws://example.com/x'])
    expect(await bad.exited).toBe(2)
    expect(bad.err().trim().split('\n')).toHaveLength(1)
    expect(bad.err()).toContain('--ws-url: ws:// is accepted only for loopback hosts')
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
})
