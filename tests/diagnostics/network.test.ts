// Network diagnostics against real endpoints on loopback: the simulator (every step passes, no TLS),
// a closed port (TCP refused, with advice, later steps not run), a refused subscribe (the reply
// verbatim), and a TLS server with a self-signed certificate (handshake details, not trusted).

import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer as createHttpsServer } from 'node:https'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { redactProxy } from '../../src/main/core/net/proxy-route'
import { runNetworkDiagnostics } from '../../src/main/core/diagnostics/network-diagnostics'
import { closedPort } from '../checklist/support'
import { listenLoopback } from '../support/loopback'
import { startStack, type SimulatorStack } from '../support/stack'
import { openResources } from '../support/wait-for'

let simulator: SimulatorStack | null = null
afterEach(async () => {
  await simulator?.close()
  simulator = null
})

/** The simulator alone, on loopback: what the diagnostics connect to. */
async function startSim(): Promise<SimulatorStack['sim']> {
  simulator = await startStack({ simulator: { seed: 1 }, engine: false })
  return simulator.sim
}

const stepOf = (r: Awaited<ReturnType<typeof runNetworkDiagnostics>>, id: string) => {
  const s = r.steps.find((x) => x.id === id)
  if (!s) throw new Error(`no step ${id}`)
  return s
}

describe('network diagnostics', () => {
  it('passes every step against the simulator on loopback, with timings, the subscribe reply and a ping RTT', async () => {
    const sim = await startSim()
    const r = await runNetworkDiagnostics({ url: sim.wsUrl('spot'), symbol: 'BTCUSDT', env: {} })
    expect(r.ok).toBe(true)
    expect(r.failed_step).toBeNull()
    expect(r.steps.map((s) => [s.id, s.status])).toEqual([
      ['dns', 'skipped'],
      ['tcp', 'pass'],
      ['proxy', 'skipped'],
      ['tls', 'skipped'],
      ['websocket', 'pass'],
      ['subscribe', 'pass'],
      ['ping', 'pass']
    ])
    expect(stepOf(r, 'dns').verdict).toMatch(/127\.0\.0\.1 is an IP address/)
    expect(stepOf(r, 'tls').verdict).toMatch(/ws:\/\/.*no TLS/)
    const sub = stepOf(r, 'subscribe')
    expect(JSON.parse(String(sub.details.reply))).toMatchObject({ success: true, op: 'subscribe' })
    expect(stepOf(r, 'ping').details.rtt_ms).toBeGreaterThanOrEqual(0)
    for (const s of r.steps.filter((x) => x.status === 'pass')) expect(s.duration_ms).toBeGreaterThanOrEqual(0)
    expect(r.proxy).toEqual({ variables: {}, note: null })
  })

  it('resolves a host name (localhost) in the DNS step', async () => {
    const sim = await startSim()
    const r = await runNetworkDiagnostics({
      url: sim.wsUrl('spot').replace('127.0.0.1', 'localhost'),
      symbol: 'BTCUSDT',
      env: {}
    })
    const dns = stepOf(r, 'dns')
    expect(dns.status).toBe('pass')
    expect(String(dns.details.addresses)).toMatch(/127\.0\.0\.1|::1/)
  })

  it('stops at TCP against a closed port, says what to try, and leaves the later steps not run', async () => {
    const port = await closedPort()
    const r = await runNetworkDiagnostics({ url: `ws://127.0.0.1:${port}/v5/public/spot`, symbol: 'BTCUSDT', env: {} })
    expect(r.ok).toBe(false)
    expect(r.failed_step).toBe('tcp')
    const tcp = stepOf(r, 'tcp')
    expect(tcp.verdict).toBe(`TCP connection refused: nothing is listening on 127.0.0.1:${port}`)
    expect(tcp.advice.join(' ')).toMatch(new RegExp(`nc -vz 127.0.0.1 ${port}`))
    expect(r.steps.slice(2).map((s) => s.status)).toEqual(['not_run', 'not_run', 'not_run', 'not_run', 'not_run'])
    expect(stepOf(r, 'ping').verdict).toBe('not run: TCP connect failed')
  })

  it('reports DNS failure in plain words for a host that does not resolve', async () => {
    const r = await runNetworkDiagnostics({
      url: 'wss://no-such-host.invalid/v5/public/spot',
      symbol: 'BTCUSDT',
      env: {}
    })
    expect(r.failed_step).toBe('dns')
    expect(stepOf(r, 'dns').verdict).toMatch(/^DNS failed: no network or wrong host/)
    expect(stepOf(r, 'dns').advice.join(' ')).toMatch(/getent hosts no-such-host\.invalid/)
  })

  it('quotes the exchange reply when the subscribe is refused', async () => {
    const sim = await startSim()
    sim.faults.rejectSubscribe('BTCUSDT')
    const r = await runNetworkDiagnostics({ url: sim.wsUrl('spot'), symbol: 'BTCUSDT', env: {} })
    expect(r.failed_step).toBe('subscribe')
    const sub = stepOf(r, 'subscribe')
    expect(sub.verdict).toBe(
      'the exchange refused publicTrade.BTCUSDT: error:handler not found,topic:publicTrade.BTCUSDT'
    )
    expect(JSON.parse(String(sub.details.reply))).toMatchObject({ success: false, op: 'subscribe' })
    expect(stepOf(r, 'ping').status).toBe('not_run')
  })

  it('names the HTTP status when the upgrade is refused', async () => {
    const sim = await startSim()
    sim.faults.refuseConnections(true)
    const r = await runNetworkDiagnostics({ url: sim.wsUrl('spot'), symbol: 'BTCUSDT', env: {} })
    expect(r.failed_step).toBe('websocket')
    expect(stepOf(r, 'websocket').verdict).toMatch(/answered HTTP 503/)
    expect(stepOf(r, 'websocket').advice[0]).toMatch(/overloaded or in maintenance/)
  })

  it('notes proxy variables with credentials redacted', async () => {
    const sim = await startSim()
    const r = await runNetworkDiagnostics({
      url: sim.wsUrl('spot'),
      symbol: 'BTCUSDT',
      env: { HTTPS_PROXY: 'http://alice:s3cret@proxy.corp:3128', NO_PROXY: 'localhost' }
    })
    expect(r.proxy.variables).toEqual({ HTTPS_PROXY: 'http://***@proxy.corp:3128', NO_PROXY: 'localhost' })
    // ws:// goes by HTTP_PROXY, which is not set: the note says HTTPS_PROXY is not used here.
    expect(r.proxy.note).toMatch(
      /^HTTPS_PROXY set, but not read for this endpoint \(ws:\/\/ goes by HTTP_PROXY.*: the collector connects directly\.$/
    )
    expect(JSON.stringify(r)).not.toContain('s3cret')
    expect(redactProxy('proxy.corp:3128')).toBe('proxy.corp:3128')
  })

  it('shows the TLS protocol, certificate subject, issuer and expiry, and fails an untrusted certificate', async (ctx) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mdm-tls-'))
    try {
      try {
        execFileSync(
          'openssl',
          [
            'req',
            '-x509',
            '-newkey',
            'rsa:2048',
            '-nodes',
            '-days',
            '2',
            '-subj',
            '/CN=localhost/O=MDM Test',
            '-keyout',
            path.join(dir, 'k.pem'),
            '-out',
            path.join(dir, 'c.pem')
          ],
          { stdio: 'ignore' }
        )
      } catch {
        ctx.skip('openssl is not available to make a test certificate')
      }
      const server = createHttpsServer({
        key: readFileSync(path.join(dir, 'k.pem')),
        cert: readFileSync(path.join(dir, 'c.pem'))
      })
      const port = await listenLoopback(server)
      try {
        const r = await runNetworkDiagnostics({
          url: `wss://127.0.0.1:${port}/v5/public/spot`,
          symbol: 'BTCUSDT',
          env: {}
        })
        const tls = stepOf(r, 'tls')
        expect(tls.status).toBe('fail')
        expect(tls.verdict).toMatch(/^certificate not trusted: /)
        expect(tls.details).toMatchObject({
          subject: 'localhost, MDM Test',
          issuer: 'localhost, MDM Test',
          authorized: false
        })
        expect(String(tls.details.protocol)).toMatch(/^TLSv1\.[23]$/)
        expect(tls.details.days_left).toBeGreaterThanOrEqual(1)
        expect(r.failed_step).toBe('tls')
      } finally {
        server.closeAllConnections()
        await new Promise<void>((r) => server.close(() => r()))
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('leaves no socket or timer behind', async () => {
    const sim = await startSim()
    const before = openResources().length
    await runNetworkDiagnostics({ url: sim.wsUrl('spot'), symbol: 'BTCUSDT', env: {} })
    await simulator!.close()
    simulator = null
    await new Promise((r) => setImmediate(r))
    expect(openResources().length).toBeLessThanOrEqual(before)
  })
})
