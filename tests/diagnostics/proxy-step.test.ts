// Network diagnostics through an HTTP CONNECT proxy (a real one on loopback): the Proxy step asks
// it for the collector's tunnel, quotes its status line when it refuses, and the WebSocket steps run
// through the tunnel as the collector's socket does.
import { afterEach, describe, expect, it } from 'vitest'
import { runNetworkDiagnostics } from '../../src/main/core/diagnostics/network-diagnostics'
import { startSimulator, type SimulatorHandle } from '../../src/simulator'
import { closedPort } from '../checklist/support'
import { ConnectProxy } from '../support/connect-proxy'
import { commandProblem, quotedCommands } from '../support/shell-command'

let sim: SimulatorHandle | null = null
let proxy: ConnectProxy | null = null
afterEach(async () => {
  await proxy?.close()
  proxy = null
  await sim?.close()
  sim = null
})

async function diagnoseThrough(setting: (p: ConnectProxy) => string, creds?: string) {
  sim = await startSimulator({ port: 0, tradesPerSecond: 0, seed: 1 })
  proxy = await ConnectProxy.start({ requireCredentials: creds })
  const r = await runNetworkDiagnostics({ url: sim.wsUrl('spot'), symbol: 'BTCUSDT', proxy: setting(proxy), env: {} })
  return { r, target: `127.0.0.1:${sim.port}`, p: proxy }
}

const statuses = (r: Awaited<ReturnType<typeof runNetworkDiagnostics>>) => r.steps.map((s) => [s.id, s.status])

describe('network diagnostics through a proxy', () => {
  it('passes through a tunnel: the proxy step names the proxy, subscribe and ping go through it', async () => {
    const { r, target, p } = await diagnoseThrough((p) => p.url())
    expect(statuses(r)).toEqual([
      ['dns', 'skipped'],
      ['tcp', 'skipped'],
      ['proxy', 'pass'],
      ['tls', 'skipped'],
      ['websocket', 'pass'],
      ['subscribe', 'pass'],
      ['ping', 'pass']
    ])
    const step = r.steps[2]
    expect(step.verdict).toBe(`the proxy ${p.url()} (proxy setting) opened a tunnel to ${target}`)
    expect(step.duration_ms).toBeGreaterThanOrEqual(0)
    // One tunnel for the probe, one for the WebSocket steps.
    expect(p.opened(target)).toBe(2)
    expect(r.proxy.note).toBe(`The collector connects through the proxy ${p.url()} (from proxy setting).`)
  })

  it("quotes a 407 with the proxy's status line and says where the credentials go", async () => {
    const { r, target } = await diagnoseThrough((p) => p.url(), 'trader:pw')
    expect(r.failed_step).toBe('proxy')
    const step = r.steps[2]
    expect(step.verdict).toMatch(new RegExp(`answered "407 Proxy Authentication Required" to CONNECT ${target}$`))
    expect(step.details.status_line).toBe('407 Proxy Authentication Required')
    expect(step.advice[0]).toMatch(/http:\/\/user:password@host:port \(Settings → Proxy, --proxy or MDM_PROXY\)/)
    expect(
      statuses(r)
        .slice(3)
        .map(([, s]) => s)
    ).toEqual(['not_run', 'not_run', 'not_run', 'not_run'])
  })

  it('a proxy that is not listening fails the proxy step with the system error', async () => {
    sim = await startSimulator({ port: 0, tradesPerSecond: 0, seed: 1 })
    const dead = `http://127.0.0.1:${await closedPort()}`
    const r = await runNetworkDiagnostics({ url: sim.wsUrl('spot'), symbol: 'BTCUSDT', proxy: dead, env: {} })
    expect(r.failed_step).toBe('proxy')
    expect(r.steps[2].verdict).toBe(`the proxy ${dead} (proxy setting) could not be reached: ECONNREFUSED`)
    // The curl to try is pasteable, and keeps the credentials out of its URL.
    const withUser = await runNetworkDiagnostics({
      url: sim.wsUrl('spot'),
      symbol: 'BTCUSDT',
      proxy: dead.replace('http://', 'http://trader:s3cret@'),
      env: {}
    })
    for (const report of [r, withUser]) {
      const commands = quotedCommands(report.steps[2].advice.join('\n'))
      expect(commands).toHaveLength(2)
      for (const command of commands) expect(commandProblem(command), command).toBeNull()
    }
    expect(quotedCommands(withUser.steps[2].advice[0])[0]).toBe(
      `curl -sS -o /dev/null -w '%{http_code}' -x ${dead} --proxy-user '<user>:<password>' http://127.0.0.1:${sim.port}/`
    )
    expect(JSON.stringify(withUser)).not.toContain('s3cret')
  })

  it('`none` is a direct connection, and the skipped proxy step says so', async () => {
    sim = await startSimulator({ port: 0, tradesPerSecond: 0, seed: 1 })
    const r = await runNetworkDiagnostics({ url: sim.wsUrl('spot'), symbol: 'BTCUSDT', proxy: 'none', env: {} })
    expect(r.ok).toBe(true)
    expect(r.steps.find((s) => s.id === 'proxy')?.verdict).toBe('no proxy: the setting is "none" (direct connection)')
  })
})
