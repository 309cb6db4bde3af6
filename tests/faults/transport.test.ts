// Fault matrix rows 1–8 (shared/reference/reliability-security.md §6a): the transport under the
// WebSocket. Each test: the phases the UI saw, the counters it shows, and no trade lost uncounted.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { WebSocketServer } from 'ws'
import { BybitRestClient } from '../../src/main/core/rest/rest-client'
import { RawWsServer } from '../support/raw-ws-server'
import { expectNoSilentLoss, startRig, type Rig } from '../support/fault-rig'
import { REPO_ROOT } from '../support/fixtures'
import { freePort, listenLoopback } from '../support/loopback'
import { waitFor } from '../support/wait-for'

let rig: Rig | null = null
let raw: RawWsServer | null = null
afterEach(async () => {
  await rig?.close()
  await raw?.close()
  rig = null
  raw = null
})

const LIVE = { tradesPerSecond: 200, tickMs: 10 }

describe('fault matrix: transport (rows 1–8)', () => {
  it('F01 abrupt server close (no close frame): 1006, reconnect, resubscribe, gap backfilled, nothing lost', async () => {
    rig = await startRig({ sim: LIVE, category: 'linear' })
    await rig.streaming()
    await waitFor(() => rig!.engine.storage.totalTrades > 20, { what: 'live trades' })
    rig.sim.faults.dropConnections()
    await waitFor(() => rig!.status().reconnect_count >= 1 && rig!.status().phase === 'streaming', {
      what: 'reconnected'
    })
    const st = rig.status()
    expect(st.last_close?.code).toBe(1006)
    expect(st.subscriptions[0].state).toBe('subscribed')
    rig.expectPhases(['streaming', 'backoff', 'streaming'])
    const r = await expectNoSilentLoss(rig, { unrecovered: 0 })
    expect(rig.gaps()).toHaveLength(1)
    expect(rig.gaps()[0]).toMatchObject({ cause: 'disconnect', backfill: 'complete', unrecovered: 0 })
    expect(r.backfilled).toBe(rig.gaps()[0].recovered)
  })

  it('F02 TCP RST: the error is handled (never unhandled), then the same recovery as F01', async () => {
    rig = await startRig({ sim: LIVE, proxy: true, category: 'linear' })
    await rig.streaming()
    await waitFor(() => rig!.engine.storage.totalTrades > 20)
    rig.proxy!.resetAll()
    await waitFor(() => rig!.status().reconnect_count >= 1 && rig!.status().phase === 'streaming', {
      what: 'reconnected after RST'
    })
    // ws reports a reset socket as a plain 1006 close (its 'error' is swallowed, never unhandled).
    expect(rig.status().last_close?.code).toBe(1006)
    expect(rig.proxy!.accepted).toBe(2)
    rig.expectPhases(['streaming', 'backoff', 'streaming'])
    await expectNoSilentLoss(rig, { unrecovered: 0 })
    expect(rig.gaps()[0]).toMatchObject({ backfill: 'complete' })
  })

  it('F03 half-open / blackhole: no pong within the deadline → terminate, reconnect, stale gap recorded', async () => {
    // linear: REST returns up to 1000 trades, enough to cover the whole dead interval.
    rig = await startRig({ sim: LIVE, proxy: true, category: 'linear' })
    await rig.streaming()
    await waitFor(() => rig!.engine.storage.totalTrades > 20)
    rig.proxy!.mode = 'blackhole'
    const t0 = Date.now()
    await waitFor(() => rig!.status().last_error?.code === 'pong_timeout', { what: 'pong timeout' })
    // Ping every 150 ms, pong deadline 300 ms: detected within one interval plus the deadline.
    expect(Date.now() - t0).toBeLessThan(1000)
    rig.proxy!.mode = 'pass'
    await waitFor(() => rig!.status().reconnect_count >= 1 && rig!.status().phase === 'streaming', {
      what: 'reconnected'
    })
    rig.expectPhases(['streaming', 'backoff', 'streaming'])
    expect(rig.gaps()[0]).toMatchObject({ cause: 'stale' })
    await expectNoSilentLoss(rig, { unrecovered: 0 })
  })

  it('F04 handshake stall (TCP accepted, no 101): handshake timeout → backoff, never stuck connecting', async () => {
    raw = await RawWsServer.start({ kind: 'stall' })
    rig = await startRig({ wsUrl: raw.url(), timings: { handshakeTimeoutMs: 150 } })
    await waitFor(() => rig!.status().reconnect_count >= 2, { what: 'two handshake timeouts' })
    expect(rig.status().last_error?.message).toBe('Opening handshake has timed out')
    expect(rig.status().status).toMatch(/reconnecting/)
    rig.expectPhases(['connecting', 'backoff', 'connecting', 'backoff'])
    expect(raw.attempts).toBeGreaterThanOrEqual(2)
    await expectNoSilentLoss(rig)
  })

  it('F05 connection refused / DNS failure: ECONNREFUSED → capped backoff; the connect budget stops a storm', async () => {
    const port = await freePort()
    rig = await startRig({
      wsUrl: `ws://127.0.0.1:${port}/v5/public/spot`,
      timings: { connectBudget: 4, connectBudgetWindowMs: 60_000 }
    })
    await waitFor(() => rig!.status().last_error?.code === 'connect_budget', { what: 'budget spent' })
    const st = rig.status()
    expect(st.connect_budget).toEqual({ used: 4, limit: 4, window_s: 60 })
    expect(st.phase).toBe('backoff')
    expect(st.status).toBe('reconnecting')
    // The next attempt waits for the oldest one to leave the 60 s window.
    expect(st.next_reconnect_at! - Date.now()).toBeGreaterThan(50_000)
    expect(rig.engine.log.recent(200).some((l) => l.code === 'ECONNREFUSED')).toBe(true)
    expect(rig.engine.metricsText()).toMatch(/mdm_connect_budget_used\{collector="bybit_trades",category="spot"\} 4/)
    expect(rig.engine.metricsText()).toMatch(/mdm_connect_budget_limit\{[^}]*\} 4/)
    await expectNoSilentLoss(rig)
  })

  it('F06 HTTP 429 on upgrade: Retry-After respected, no reconnect storm', async () => {
    raw = await RawWsServer.start({
      kind: 'http',
      response: 'HTTP/1.1 429 Too Many Requests\r\nRetry-After: 1\r\nConnection: close\r\nContent-Length: 0\r\n\r\n'
    })
    rig = await startRig({ wsUrl: raw.url(), timings: { rejectedUpgradeMinMs: 60_000 } })
    await waitFor(() => rig!.status().last_error?.code === 'http_429', { what: '429 seen' })
    const first = Date.now()
    expect(rig.status().last_error?.message).toContain('Retry-After 1 s')
    expect(rig.status().next_reconnect_at! - first).toBeGreaterThan(800)
    await waitFor(() => raw!.attempts >= 2, { what: 'second attempt', timeoutMs: 3000 })
    expect(Date.now() - first).toBeGreaterThanOrEqual(900)
    await expectNoSilentLoss(rig)
  })

  it('F07 redirect on upgrade: not followed, no connection to the other host', async () => {
    rig = await startRig({ wsUrl: 'ws://127.0.0.1:9/unused' })
    await rig.engine.stop()
    const target = rig.sim.wsUrl('spot')
    raw = await RawWsServer.start({
      kind: 'http',
      response: `HTTP/1.1 301 Moved Permanently\r\nLocation: ${target}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`
    })
    await rig.close()
    rig = await startRig({ wsUrl: raw.url() })
    await waitFor(() => rig!.status().last_error?.code === 'http_301', { what: '301 seen' })
    expect(rig.status().last_error?.message).toContain('not followed')
    await waitFor(() => raw!.attempts >= 2, { what: 'retried the original URL' })
    expect(rig.sim.connectionCount()).toBe(0)
    await expectNoSilentLoss(rig)
  })
})

describe('F08 TLS failure (self-signed certificate)', () => {
  let dir = ''
  let https: HttpsServer | null = null
  let wss: WebSocketServer | null = null
  let accepted = 0
  let port = 0

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'mdm-tls-'))
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1'].concat([
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem')
      ]),
      { stdio: 'ignore' }
    )
    https = createHttpsServer({
      key: readFileSync(path.join(dir, 'key.pem')),
      cert: readFileSync(path.join(dir, 'cert.pem'))
    })
    https.on('request', (_req, res) => res.end('{"retCode":0,"retMsg":"OK","result":{"list":[]}}'))
    wss = new WebSocketServer({ server: https })
    wss.on('connection', () => accepted++)
    port = await listenLoopback(https)
  })

  afterAll(async () => {
    wss?.close()
    https?.closeAllConnections()
    await new Promise<void>((r) => (https ? https.close(() => r()) : r()))
    rmSync(dir, { recursive: true, force: true })
  })

  it('F08 TLS failure: the WebSocket and REST clients refuse the certificate and never fall back to insecure', async () => {
    rig = await startRig({ wsUrl: `wss://127.0.0.1:${port}/v5/public/spot` })
    await waitFor(() => rig!.status().reconnect_count >= 2, { what: 'retries after TLS errors' })
    expect(rig.status().last_error?.code).toBe('DEPTH_ZERO_SELF_SIGNED_CERT')
    expect(accepted).toBe(0)
    expect(rig.sim.connectionCount()).toBe(0)
    const rest = new BybitRestClient({ baseUrl: `https://127.0.0.1:${port}`, timeoutMs: 2000 })
    const res = await rest.recentTrades('spot', 'BTCUSDT')
    rest.close()
    expect(res).toMatchObject({ ok: false, code: 'network', error: 'DEPTH_ZERO_SELF_SIGNED_CERT' })
    await expectNoSilentLoss(rig)
    // No data path (stream or REST) may switch certificate checks off.
    const dataPaths = ['src/main/core/collector', 'src/main/core/rest', 'src/main/core/bybit']
    const sources = dataPaths.flatMap((d) =>
      readdirSync(path.join(REPO_ROOT, d), { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.ts'))
        .map((f) => readFileSync(path.join(REPO_ROOT, d, f), 'utf8'))
    )
    expect(sources.length).toBeGreaterThan(5)
    expect(sources.some((s) => /rejectUnauthorized\s*:\s*false|NODE_TLS_REJECT_UNAUTHORIZED/.test(s))).toBe(false)
  })
})
