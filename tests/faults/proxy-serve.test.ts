// `npm run serve` behind a proxy, as a user runs it: the proxy comes from the environment (or
// `--proxy`, which wins), and the WebSocket, its reconnect and the REST backfill all go through it.
// A real CONNECT proxy on loopback records the tunnels; the simulator stands in for Bybit, on plain
// ws:// (which curl, and so the collector, proxies by HTTP_PROXY) and on wss:// with a throwaway
// certificate (proxied by HTTPS_PROXY, TLS inside the tunnel, as to Bybit).
import { afterEach, describe, expect, it } from 'vitest'
import { startScript, type RunningScript } from '../support/child-script'
import { ConnectProxy } from '../support/connect-proxy'
import { startStack, type SimulatorStack } from '../support/stack'
import { makeLoopbackCert, type TestCert } from '../support/test-cert'
import { waitFor } from '../support/wait-for'

const NO_PROXY_ENV = { HTTPS_PROXY: '', https_proxy: '', HTTP_PROXY: '', http_proxy: '', NO_PROXY: '', no_proxy: '' }
const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (let c = cleanups.pop(); c; c = cleanups.pop()) await c()
})

/** The simulator (on TLS with `cert`), a recording proxy, and serve started with what `how` says for that proxy. */
async function setUp(
  how: (p: ConnectProxy) => { env?: Record<string, string>; args?: string[] },
  cert: TestCert | null = null
) {
  const sim: SimulatorStack = await startStack({ engine: false, simulator: cert ? { tls: cert } : {} })
  cleanups.push(() => sim.close())
  const proxy = await ConnectProxy.start()
  cleanups.push(() => proxy.close())
  const { env = {}, args = [] } = how(proxy)
  const serve: RunningScript = startScript(
    'src/cli/serve.ts',
    ['--no-mirror', '--ws-url', sim.sim.wsUrl('spot'), '--rest-url', sim.sim.restUrl, ...args],
    { env: { ...NO_PROXY_ENV, ...(cert ? { NODE_EXTRA_CA_CERTS: cert.certFile } : {}), ...env } }
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
  const cert = makeLoopbackCert()
  const variants = [
    { variable: 'HTTP_PROXY', scheme: 'ws://', cert: null, skip: '' },
    {
      variable: 'HTTPS_PROXY',
      scheme: 'wss://',
      cert,
      skip: cert ? '' : ' (skipped: openssl is not installed to make a certificate)'
    }
  ]
  for (const v of variants) {
    it.skipIf(v.skip !== '')(
      `takes ${v.variable} from the environment for ${v.scheme}: stream, reconnect and backfill all tunnelled${v.skip}`,
      async () => {
        const { sim, proxy, serve, subscribed, target } = await setUp(
          (p) => ({ env: { [v.variable]: p.url() } }),
          v.cert
        )
        expect(sim.sim.wsUrl('spot').startsWith(v.scheme)).toBe(true)
        await subscribed(1)
        expect(serve.out()).toContain(`through proxy ${proxy.url()} (${v.variable})`)
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
      },
      60_000
    )
  }

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
