// Behind a corporate proxy: the collector's WebSocket, its reconnects and the REST backfill go
// through an HTTP CONNECT proxy (a real one on loopback that records its tunnels), chosen the way
// curl chooses: the setting wins, `none` disables, else the environment with NO_PROXY exemptions.
import { createServer, type AddressInfo, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { PROXY_VARS } from '../../src/main/core/diagnostics/proxy'
import { proxyRouteFor } from '../../src/main/core/net/proxy-route'
import { BybitRestClient } from '../../src/main/core/rest/rest-client'
import type { CollectorStatus } from '../../src/shared/dto'
import { ConnectProxy } from '../support/connect-proxy'
import { startStack, waitSubscribed, type Stack } from '../support/stack'
import { waitFor } from '../support/wait-for'

const PROXY_ENV = PROXY_VARS
const savedEnv = Object.fromEntries(PROXY_ENV.map((k) => [k, process.env[k]]))
const proxies: ConnectProxy[] = []
const sockets: Socket[] = []
const clients: BybitRestClient[] = []
let stack: Stack | null = null

afterEach(async () => {
  for (const c of clients.splice(0)) c.close()
  await stack?.close()
  stack = null
  for (const p of proxies.splice(0)) await p.close()
  for (const k of PROXY_ENV) {
    if (savedEnv[k] === undefined) delete process.env[k]
    else process.env[k] = savedEnv[k]
  }
})

async function proxy(requireCredentials?: string): Promise<ConnectProxy> {
  const p = await ConnectProxy.start({ requireCredentials })
  proxies.push(p)
  return p
}

async function collectThrough(proxySetting: string): Promise<Stack> {
  stack = await startStack({ engine: { settings: { proxy: proxySetting } } })
  return stack
}

const status = (s: Stack): CollectorStatus => s.engine.handlers.getCollectorStatus({ name: 'bybit_trades' })
const simTarget = (s: Stack): string => `127.0.0.1:${s.sim.port}`

describe('the collector through an HTTP CONNECT proxy', () => {
  it('streams, reconnects and backfills through the proxy named in the setting', async () => {
    const p = await proxy()
    const s = await collectThrough(p.url())
    await waitSubscribed(s.engine)
    expect(p.opened(simTarget(s))).toBe(1)
    s.sim.emitTrades('spot', 'BTCUSDT', 7)
    await waitFor(() => s.engine.storage.symbolCount('spot', 'BTCUSDT') === 7, { what: '7 trades through the proxy' })
    expect(s.engine.log.recent(200).map((e) => e.message)).toContain(
      `Connecting to WebSocket: ${s.sim.wsUrl('spot')} through proxy ${p.url()} (proxy setting)`
    )
    s.sim.faults.dropConnections()
    s.sim.emitTrades('spot', 'BTCUSDT', 4) // traded while away: only the backfill can recover them
    const gaps = async () => (await s.engine.handlers.getGaps()).gaps
    await waitFor(async () => (await gaps())[0]?.backfill === 'complete', { what: 'the gap backfilled over REST' })
    expect((await gaps())[0]).toMatchObject({ recovered: 4, unrecovered: 0 })
    expect(s.engine.storage.symbolCount('spot', 'BTCUSDT')).toBe(11)
    // The first socket, the reconnect and the REST backfill: three tunnels, nothing direct.
    expect(p.opened(simTarget(s))).toBe(3)
  })

  it('takes HTTP_PROXY from the environment for ws:// (HTTPS_PROXY for wss://), loopback included', async () => {
    const p = await proxy()
    process.env.http_proxy = p.url()
    const s = await collectThrough('')
    await waitSubscribed(s.engine)
    expect(p.opened(simTarget(s))).toBe(1)
    expect(s.engine.log.recent(200).some((e) => e.message.endsWith(`through proxy ${p.url()} (http_proxy)`))).toBe(true)
  })

  it('goes direct when NO_PROXY names the host, or when the setting is `none`', async () => {
    const p = await proxy()
    process.env.HTTP_PROXY = p.url()
    process.env.NO_PROXY = 'example.com,127.0.0.1'
    const s = await collectThrough('')
    await waitSubscribed(s.engine)
    await s.close()
    delete process.env.NO_PROXY
    const direct = await collectThrough('none')
    await waitSubscribed(direct.engine)
    expect(p.tunnels).toEqual([])
  })

  it('a proxy demanding credentials: 407 with the status line, then the URL credentials get through', async () => {
    const p = await proxy('trader:s3cret')
    const s = await collectThrough(p.url())
    await waitFor(() => status(s).last_error?.code === 'proxy_auth_required', {
      what: 'proxy_auth_required'
    })
    const err = status(s).last_error
    expect(err?.message).toBe(
      `Proxy ${p.url()} (proxy setting) answered "407 Proxy Authentication Required" to CONNECT ${simTarget(s)}`
    )
    expect(p.tunnels[0]).toMatchObject({ target: simTarget(s), credentials: null, status: 407 })
    await s.close()

    const ok = await collectThrough(p.url('trader:s3cret'))
    await waitSubscribed(ok.engine)
    expect(p.tunnels.at(-1)).toMatchObject({ credentials: 'trader:s3cret', status: 200 })
    // The status and the log never show the password.
    const shown = JSON.stringify([await status(ok), ok.engine.log.recent(500)])
    expect(shown).not.toContain('s3cret')
    expect(shown).toContain('http://***@127.0.0.1')
  })

  it('a proxy that is not listening is proxy_unreachable, naming the proxy', async () => {
    const p = await proxy()
    const dead = p.url()
    await p.close()
    proxies.splice(0)
    const s = await collectThrough(dead)
    await waitFor(() => status(s).last_error?.code === 'proxy_unreachable', { what: 'proxy_unreachable' })
    expect(status(s).last_error?.message).toMatch(
      new RegExp(`^Proxy ${dead} \\(proxy setting\\) unreachable: .*ECONNREFUSED`)
    )
  })

  it('a SOCKS proxy in the environment is ignored with a note (direct); as the setting it is bad_proxy', async () => {
    process.env.ALL_PROXY = 'socks5://127.0.0.1:1080'
    const s = await collectThrough('')
    await waitSubscribed(s.engine)
    expect(s.engine.log.recent(200).map((e) => e.message)).toContain(
      `Connecting to WebSocket: ${s.sim.wsUrl('spot')} (ALL_PROXY socks5://127.0.0.1:1080: proxy: socks5:// proxies are not supported (http or https); ignored, direct)`
    )
    expect(() => proxyRouteFor('wss://stream.bybit.com/v5/public/spot', 'socks5://127.0.0.1:1080')).toThrow(
      expect.objectContaining({ code: 'bad_proxy', message: expect.stringContaining('proxy setting') })
    )
  })

  it('a proxy that accepts the connection but never answers CONNECT is proxy_unreachable, then retried', async () => {
    const silent = createServer((socket) => sockets.push(socket))
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r))
    const port = (silent.address() as AddressInfo).port
    try {
      const s = await collectThrough(`http://127.0.0.1:${port}`)
      await waitFor(() => status(s).last_error?.code === 'proxy_unreachable', { what: 'proxy_unreachable' })
      expect(status(s).last_error?.message).toMatch(/unreachable: no answer to CONNECT within \d+ ms$/)
      await waitFor(() => status(s).reconnect_count >= 1, { what: 'a retry after the silent proxy' })
    } finally {
      for (const socket of sockets.splice(0)) socket.destroy()
      await new Promise<void>((r) => silent.close(() => r()))
    }
  })

  it('a proxy written without a scheme is an HTTP proxy, as curl reads it', async () => {
    const p = await proxy()
    const s = await collectThrough(`127.0.0.1:${p.port}`)
    await waitSubscribed(s.engine)
    expect(p.opened(simTarget(s))).toBe(1)
  })
})

describe('the REST backfill through the proxy', () => {
  async function restThrough(setting: (p: ConnectProxy) => string, creds?: string) {
    const p = await proxy(creds)
    stack = await startStack({})
    const c = new BybitRestClient({ baseUrl: stack.sim.restUrl, timeoutMs: 2000, proxy: setting(p) })
    clients.push(c)
    return { p, c, target: simTarget(stack) }
  }

  it('fetches recent trades through a tunnel', async () => {
    const { p, c, target } = await restThrough((p) => p.url())
    stack!.sim.emitTrades('spot', 'BTCUSDT', 3)
    const r = await c.recentTrades('spot', 'BTCUSDT')
    expect(r.ok && r.value.trades.length).toBe(3)
    expect(p.opened(target)).toBe(1)
  })

  it('407 is proxy_auth_required and a dead proxy proxy_unreachable', async () => {
    const { c, target } = await restThrough((p) => p.url(), 'u:p')
    expect(await c.recentTrades('spot', 'BTCUSDT')).toMatchObject({
      ok: false,
      code: 'proxy_auth_required',
      error: expect.stringContaining(`answered "407 Proxy Authentication Required" to CONNECT ${target}`)
    })
    const dead = new BybitRestClient({ baseUrl: stack!.sim.restUrl, timeoutMs: 2000, proxy: 'http://127.0.0.1:9' })
    clients.push(dead)
    expect(await dead.recentTrades('spot', 'BTCUSDT')).toMatchObject({ ok: false, code: 'proxy_unreachable' })
  })
})
