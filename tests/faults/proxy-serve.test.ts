// `npm run serve` behind a proxy, as a user runs it: the proxy comes from the environment (or
// `--proxy`, which wins), and the WebSocket, its reconnect and the REST backfill all go through it.
// A real CONNECT proxy on loopback records the tunnels; the simulator stands in for Bybit. Its
// endpoint is plain ws://, which curl (and so the collector) proxies by HTTP_PROXY; wss:// (Bybit)
// goes by HTTPS_PROXY — the same lookup, covered in proxy.test.ts.
import { afterEach, describe, expect, it } from 'vitest'
import { startScript, type RunningScript } from '../support/child-script'
import { ConnectProxy } from '../support/connect-proxy'
import { startStack, type SimulatorStack } from '../support/stack'
import { waitFor } from '../support/wait-for'

const NO_PROXY_ENV = { HTTPS_PROXY: '', https_proxy: '', HTTP_PROXY: '', http_proxy: '', NO_PROXY: '', no_proxy: '' }
const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (let c = cleanups.pop(); c; c = cleanups.pop()) await c()
})

/** The simulator, a recording proxy, and serve started with what `how` says for that proxy. */
async function setUp(how: (p: ConnectProxy) => { env?: Record<string, string>; args?: string[] }) {
  const sim: SimulatorStack = await startStack({ engine: false })
  cleanups.push(() => sim.close())
  const proxy = await ConnectProxy.start()
  cleanups.push(() => proxy.close())
  const { env = {}, args = [] } = how(proxy)
  const serve: RunningScript = startScript(
    'src/cli/serve.ts',
    ['--no-mirror', '--ws-url', sim.sim.wsUrl('spot'), '--rest-url', sim.sim.restUrl, ...args],
    { env: { ...NO_PROXY_ENV, ...env } }
  )
  cleanups.push(() => serve.stop())
  const subscribed = (n: number) =>
    waitFor(() => serve.out().split('Successfully subscribed to: publicTrade.BTCUSDT').length > n, {
      what: `subscription #${n}`,
      timeoutMs: 20_000
    })
  return { sim, proxy, serve, subscribed, target: `127.0.0.1:${sim.sim.port}` }
}

describe('npm run serve behind an HTTP CONNECT proxy', () => {
  it('takes HTTP_PROXY from the environment: stream, reconnect and backfill all tunnelled', async () => {
    const { sim, proxy, serve, subscribed, target } = await setUp((p) => ({ env: { HTTP_PROXY: p.url() } }))
    await subscribed(1)
    expect(serve.out()).toContain(`through proxy ${proxy.url()} (HTTP_PROXY)`)
    sim.sim.emitTrades('spot', 'BTCUSDT', 5)
    await waitFor(() => serve.out().includes('Total trades for BTCUSDT: 5'), { what: '5 trades stored' })

    sim.sim.faults.dropConnections()
    sim.sim.emitTrades('spot', 'BTCUSDT', 4) // while the collector is away: only the backfill recovers them
    await subscribed(2)
    await waitFor(() => /Gap #\d+ on BTCUSDT \(disconnect, \d+ ms\): backfill complete/.test(serve.out()), {
      what: 'the disconnect gap backfilled',
      timeoutMs: 15_000
    })
    await waitFor(() => serve.out().includes('Total trades for BTCUSDT: 9'), {
      what: 'the log to say all 9 are stored'
    })
    // The first socket, the reconnect and the REST backfill: three tunnels, nothing direct.
    expect(proxy.opened(target)).toBe(3)
  }, 60_000)

  it('--proxy wins over the environment', async () => {
    const dead = 'http://127.0.0.1:9' // nothing listens there
    const { proxy, serve, subscribed, target } = await setUp((p) => ({
      env: { HTTP_PROXY: dead },
      args: ['--proxy', p.url('trader:pw')]
    }))
    await subscribed(1)
    expect(serve.out()).toContain(`through proxy http://***@127.0.0.1:${proxy.port} (proxy setting)`)
    expect(serve.out()).not.toContain('trader:pw')
    expect(proxy.tunnels).toEqual([{ target, credentials: 'trader:pw', status: 200 }])
  }, 60_000)
})
