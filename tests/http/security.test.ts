// The mirror's defences over real HTTP: input bounds, DNS-rebinding and Origin refusals, methods,
// the token on state-changing calls, hardening headers, no CORS, no leaks, and no static traversal.

import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { APP_CSP } from '../../src/main/host/bundle-path'
import type { Settings } from '../../src/shared/settings'
import { getJson, http, rawExchange, type HttpResult } from './support'
import { waitSubscribed } from '../support/stack'
import { startMirrorStack, type MirrorStack } from './stack'

let stack: MirrorStack
let staticDir: string
const seen: HttpResult[] = []

async function call(path: string, opts: Parameters<typeof http>[2] = {}): Promise<HttpResult> {
  const res = await http(stack.port, path, opts)
  seen.push(res)
  return res
}

const errorOf = (res: HttpResult): { error: string; message: string } =>
  JSON.parse(res.text) as { error: string; message: string }

beforeAll(async () => {
  staticDir = await mkdtemp(join(tmpdir(), 'mdm-static-'))
  await mkdir(join(staticDir, 'assets'))
  await writeFile(
    join(staticDir, 'index.html'),
    '<!doctype html><html><head><title>t</title></head><body></body></html>'
  )
  await writeFile(join(staticDir, 'assets', 'app.js'), 'console.log(1)\n')
  stack = await startMirrorStack({ mirror: { staticDir } })
  await waitSubscribed(stack.engine)
  stack.sim.emitTrades('spot', 'BTCUSDT', 5)
})
afterAll(async () => {
  await stack?.close()
  await rm(staticDir, { recursive: true, force: true })
})

describe('parameters', () => {
  it.each(['abc', '0', '-1', '1e9', '1001', '1.5', ''])('limit=%s → 400 naming the bound', async (limit) => {
    const res = await call(`/collectors/trades?limit=${limit}`)
    expect(res.status).toBe(400)
    expect(errorOf(res)).toEqual({ error: 'bad_request', message: 'limit must be an integer between 1 and 1000' })
  })

  it('limit=1000 is the inclusive upper bound', async () => {
    expect((await call('/collectors/trades?limit=1000')).status).toBe(200)
  })

  it('a bad symbol, a repeated parameter and a bad event filter are 400s', async () => {
    expect(errorOf(await call('/collectors/trades?symbol=../etc')).error).toBe('bad_request')
    const twice = await call('/collectors/trades?limit=1&limit=2')
    expect([twice.status, errorOf(twice).message]).toEqual([400, 'limit given more than once'])
    expect((await call('/collectors/trades.csv?symbol=a,b')).status).toBe(400)
    expect((await call('/debug/logs?level=LOUD')).status).toBe(400)
    expect((await call('/events?events=trades,secrets')).status).toBe(400)
  })

  it('an unknown collector is 404 JSON, a malformed name 400', async () => {
    const res = await call('/collectors/status/nope_trades')
    expect(res.status).toBe(404)
    expect(errorOf(res).error).toBe('not_found')
    expect(errorOf(res).message).toContain('bybit_trades')
    expect((await call('/collectors/status/Bad%20Name')).status).toBe(400)
  })

  it('an unknown path is 404 JSON', async () => {
    const res = await call('/collectors/nothing/here')
    expect(res.status).toBe(404)
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(errorOf(res).error).toBe('not_found')
  })
})

describe('methods', () => {
  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])('%s on a read endpoint → 405 with Allow', async (method) => {
    const res = await call('/health', { method })
    expect(res.status).toBe(405)
    expect(res.headers.allow).toBe('GET, HEAD')
    expect(errorOf(res).error).toBe('method_not_allowed')
  })

  it('GET on a state-changing call → 405 Allow: POST; /settings allows both', async () => {
    const res = await call('/collectors/bybit_trades/reconnect')
    expect([res.status, res.headers.allow]).toEqual([405, 'POST'])
    const opts = await call('/settings', { method: 'OPTIONS' })
    expect([opts.status, opts.headers.allow]).toEqual([405, 'GET, HEAD, POST'])
  })

  it('a GET with a body is refused', async () => {
    const res = await call('/health', { body: 'x', headers: { 'Content-Type': 'text/plain' } })
    expect(res.status).toBe(400)
  })
})

describe('DNS rebinding and cross-origin', () => {
  it.each([
    ['evil.example', (p: number) => `evil.example:${p}`],
    ['0.0.0.0', (p: number) => `0.0.0.0:${p}`],
    ['localhost6', (p: number) => `localhost6:${p}`],
    ['another port', (p: number) => `127.0.0.1:${p + 1}`],
    ['no port', () => '127.0.0.1']
  ])('Host %s → 403', async (_label, host) => {
    const res = await call('/health', { host: host(stack.port) })
    expect(res.status).toBe(403)
    expect(errorOf(res).error).toBe('forbidden')
  })

  it('Host localhost:<port> and 127.0.0.1:<port> are accepted', async () => {
    expect((await call('/health', { host: `LOCALHOST:${stack.port}` })).status).toBe(200)
    expect((await call('/health', { host: `127.0.0.1:${stack.port}` })).status).toBe(200)
  })

  it('a request without Host → 400/403, never answered with data', async () => {
    // HTTP/1.1 requires Host (Node answers 400); HTTP/1.0 may omit it and meets the allowlist (403).
    const v11 = await rawExchange(stack.port, 'GET /health HTTP/1.1\r\nConnection: close\r\n\r\n')
    expect(v11).toMatch(/^HTTP\/1\.1 400 /)
    const v10 = await rawExchange(stack.port, 'GET /health HTTP/1.0\r\n\r\n')
    expect(v10).toMatch(/^HTTP\/1\.1 403 /)
    expect(v10).not.toContain('"healthy"')
  })

  it.each(['https://evil.example', 'null', `http://127.0.0.1.evil.example:${0}`, 'http://localhost'])(
    'Origin %s → 403',
    async (origin) => {
      const res = await call('/health', { headers: { Origin: origin } })
      expect(res.status).toBe(403)
    }
  )

  it('the own origin is accepted', async () => {
    const res = await call('/health', { headers: { Origin: `http://localhost:${stack.port}` } })
    expect(res.status).toBe(200)
  })
})

describe('the token on state-changing calls', () => {
  const calls: [string, string | undefined][] = [
    ['/collectors/bybit_trades/reconnect', undefined],
    ['/collectors/bybit_trades/restart', undefined],
    ['/collectors/storage/clear', undefined],
    ['/settings', JSON.stringify({ maxTradesPerSymbol: 5000 })]
  ]

  it.each(calls)('POST %s without a token → 401, with a wrong one → 403', async (path, body) => {
    const headers = { 'Content-Type': 'application/json' }
    const none = await call(path, { method: 'POST', body, headers })
    expect([none.status, errorOf(none).error]).toEqual([401, 'unauthorized'])
    const wrong = await call(path, { method: 'POST', body, headers: { ...headers, 'X-MDM-Token': 'x'.repeat(43) } })
    expect([wrong.status, errorOf(wrong).error]).toEqual([403, 'forbidden'])
  })

  it('with the token, each call does what it says', async () => {
    const headers = { 'X-MDM-Token': stack.token, 'Content-Type': 'application/json' }
    const settings = await getJson<Settings>(stack.port, '/settings', {
      method: 'POST',
      headers,
      body: JSON.stringify({ maxTradesPerSymbol: 5000 })
    })
    expect([settings.status, settings.body.maxTradesPerSymbol]).toEqual([200, 5000])
    const clear = await getJson<{ ok: boolean; message: string }>(stack.port, '/collectors/storage/clear', {
      method: 'POST',
      headers
    })
    expect(clear.body).toEqual({ ok: true, message: 'Cleared 5 trades' })
    const reconnect = await getJson<{ ok: boolean }>(stack.port, '/collectors/bybit_trades/reconnect', {
      method: 'POST',
      headers
    })
    expect(reconnect.body.ok).toBe(true)
    const missing = await call('/collectors/nope_trades/restart', { method: 'POST', headers })
    expect(missing.status).toBe(404)
  })

  it('bodies are validated: unknown keys, bad JSON, wrong type, oversize', async () => {
    const headers = { 'X-MDM-Token': stack.token, 'Content-Type': 'application/json' }
    const unknown = await call('/settings', { method: 'POST', headers, body: '{"debug":true}' })
    expect([unknown.status, errorOf(unknown).message]).toEqual([400, 'unknown setting "debug"'])
    const bounds = await call('/settings', { method: 'POST', headers, body: '{"maxTradesPerSymbol":1}' })
    expect(errorOf(bounds).message).toBe('maxTradesPerSymbol must be an integer between 100 and 2000000')
    expect((await call('/settings', { method: 'POST', headers, body: '{nope' })).status).toBe(400)
    expect((await call('/settings', { method: 'POST', headers, body: '[1]' })).status).toBe(400)
    const text = await call('/settings', {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'text/plain' },
      body: '{}'
    })
    expect(text.status).toBe(415)
    const big = await call('/settings', {
      method: 'POST',
      headers,
      body: JSON.stringify({ recordFile: 'x'.repeat(20_000) })
    })
    expect(big.status).toBe(413)
  })
})

describe('static UI (headless mode)', () => {
  it('serves index.html with the token injected and a strict CSP', async () => {
    const res = await call('/')
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(res.text).toContain(`<head><meta name="mdm-token" content="${stack.token}">`)
    expect(res.headers['content-security-policy']).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin')
    const js = await call('/assets/app.js')
    expect([js.status, js.headers['content-type'], js.text]).toEqual([
      200,
      'text/javascript; charset=utf-8',
      'console.log(1)\n'
    ])
  })

  it('the browser CSP is the desktop CSP but for connect-src (the browser UI talks to its mirror)', async () => {
    const directives = (csp: string): Map<string, string> =>
      new Map(csp.split('; ').map((d) => [d.slice(0, d.indexOf(' ')), d.slice(d.indexOf(' ') + 1)]))
    const browser = directives(String((await call('/')).headers['content-security-policy']))
    const desktop = directives(APP_CSP)
    expect([browser.get('connect-src'), desktop.get('connect-src')]).toEqual(["'self'", "'none'"])
    browser.delete('connect-src')
    desktop.delete('connect-src')
    expect([...browser]).toEqual([...desktop])
  })

  it.each([
    '/../package.json',
    '/assets/../../package.json',
    '/%2e%2e/package.json',
    '/..%2fpackage.json',
    '/%2e%2e%2fpackage.json',
    '/assets/..%2f..%2fpackage.json',
    '/..%5cpackage.json',
    '/%00index.html',
    '/assets/%2e%2e/%2e%2e/%2e%2e/etc/passwd'
  ])('traversal %s is refused', async (path) => {
    const raw = await rawExchange(
      stack.port,
      `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${stack.port}\r\nConnection: close\r\n\r\n`
    )
    expect(raw).toMatch(/^HTTP\/1\.1 (400|404) /)
    expect(raw).not.toContain('"devDependencies"')
    expect(raw).not.toContain('root:')
  })

  it('POST to / is 405, a missing file is 404 JSON', async () => {
    expect((await call('/', { method: 'POST' })).status).toBe(405)
    const missing = await call('/assets/nope.js')
    expect([missing.status, errorOf(missing).error]).toEqual([404, 'not_found'])
  })
})

describe('every response', () => {
  it('carries the hardening headers, no CORS header, and no stack, path or environment', async () => {
    expect(seen.length).toBeGreaterThan(40)
    for (const res of seen) {
      expect(res.headers['x-content-type-options']).toBe('nosniff')
      expect(res.headers['cache-control']).toBe('no-store')
      expect(res.headers['cross-origin-resource-policy']).toBe('same-origin')
      expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([])
      expect(res.text).not.toMatch(/\n\s+at \S+ \(/)
      expect(res.text).not.toContain(process.cwd())
      expect(res.text).not.toContain(staticDir)
      if (process.env.HOME) expect(res.text).not.toContain(`${process.env.HOME}/`)
    }
  })

  it('the mirror binds 127.0.0.1 literally', () => {
    expect(stack.mirror.url).toBe(`http://127.0.0.1:${stack.port}`)
  })
})
