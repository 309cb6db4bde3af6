// Every command the checklist fixes, the network diagnostics advice and the Markdown report suggest
// can be pasted into a shell as it is: collected from real failing paths on loopback (a refused port,
// a host that does not resolve, a TLS handshake against a plain server, a refused upgrade and
// subscribe, parse errors, the mirror off), each checked for the shape its program accepts.

import { afterAll, describe, expect, it } from 'vitest'
import * as fixes from '../../src/main/core/checklist/fixes'
import { runNetworkDiagnostics } from '../../src/main/core/diagnostics/network-diagnostics'
import type { ChecklistReport, DiagnosticsReport } from '../../src/shared/dto'
import { CONNECTION_ERROR_CODES } from '../../src/shared/error-codes'
import { startSimulator } from '../../src/simulator'
import { waitSubscribed } from '../support/stack'
import { commandProblem, programsOf, quotedCommands } from '../support/shell-command'
import { checklistWhen, closedPort, item, startRig, type Rig } from './support'

const UNRESOLVABLE = 'no-such-host.invalid'

/** Every suggestion seen, with where it came from. */
const suggestions: { from: string; text: string }[] = []

function collectChecklist(from: string, r: ChecklistReport): void {
  for (const i of r.items) for (const text of i.fix) suggestions.push({ from: `${from}: ${i.id}`, text })
}

function collectDiagnostics(from: string, r: DiagnosticsReport): void {
  for (const s of r.steps) for (const text of s.advice) suggestions.push({ from: `${from}: ${s.id}`, text })
}

const rigs: Rig[] = []
async function rig(opts: Parameters<typeof startRig>[0]): Promise<Rig> {
  const r = await startRig(opts)
  rigs.push(r)
  return r
}
afterAll(async () => {
  for (const r of rigs) await r.close()
})

describe('suggested commands', () => {
  it('the DNS hints name the host alone, never host:port', async () => {
    const r = await rig({ settings: { wsUrl: `wss://${UNRESOLVABLE}/v5/public/spot` } })
    const report = await checklistWhen(r.engine, (x) => item(x, 'connected').status === 'fail', 'DNS failing')
    collectChecklist('unresolvable host', report)
    const dnsHint = item(report, 'connected').fix[0]
    expect(dnsHint).toBe(
      `DNS does not resolve ${UNRESOLVABLE}: check the network and the host name with \`getent hosts ${UNRESOLVABLE}\`.`
    )
    const diag = await r.engine.handlers.runDiagnostics()
    collectDiagnostics('unresolvable host', diag)
    expect(diag.steps[0].advice.flatMap(quotedCommands)).toEqual([
      `getent hosts ${UNRESOLVABLE}`,
      `nslookup ${UNRESOLVABLE}`
    ])
    const md = (await r.engine.handlers.getReport()).markdown
    suggestions.push({ from: 'report (unresolvable host)', text: md })
    expect(quotedCommands(md)).toContain(`getent hosts ${UNRESOLVABLE}`)
    expect(md).not.toMatch(/getent hosts \S+:\d+/)
  })

  it('are collected from the other failing paths, for real', async () => {
    // Nothing listens on the port: the checklist, the diagnostics and the report.
    const port = await closedPort()
    const refused = await rig({ settings: { wsUrl: `ws://127.0.0.1:${port}/v5/public/spot` } })
    collectChecklist(
      'refused',
      await checklistWhen(refused.engine, (x) => item(x, 'connected').status === 'fail', 'refused')
    )
    collectDiagnostics('refused', await refused.engine.handlers.runDiagnostics())
    suggestions.push({ from: 'report (refused)', text: (await refused.engine.handlers.getReport()).markdown })

    // A TLS handshake against the simulator's plain port.
    const sim = await startSimulator({ port: 0, tradesPerSecond: 0 })
    try {
      const tls = await runNetworkDiagnostics({
        url: sim.wsUrl('spot').replace('ws:', 'wss:'),
        symbol: 'BTCUSDT',
        env: {}
      })
      expect(tls.failed_step).toBe('tls')
      collectDiagnostics('TLS to a plain port', tls)
      sim.faults.rejectSubscribe('BTCUSDT')
      collectDiagnostics(
        'subscribe refused',
        await runNetworkDiagnostics({ url: sim.wsUrl('linear'), symbol: 'BTCUSDT', env: {} })
      )
      sim.faults.refuseConnections(true)
      collectDiagnostics(
        'upgrade refused',
        await runNetworkDiagnostics({ url: sim.wsUrl('spot'), symbol: 'BTCUSDT', env: {} })
      )
    } finally {
      await sim.close()
    }

    // Subscribe refused, parse errors and nothing traded yet, with the mirror off.
    const quiet = await rig({ mirror: false })
    quiet.sim.faults.rejectSubscribe('BTCUSDT')
    collectChecklist(
      'subscribe refused',
      await checklistWhen(quiet.engine, (x) => item(x, 'subscription_confirmed').status === 'fail', 'refused')
    )
    const garbled = await rig({})
    await waitSubscribed(garbled.engine)
    garbled.sim.sendRaw('spot', '{"topic":"publicTrade.BTCUSDT","data":[{"broken"')
    collectChecklist(
      'parse error',
      await checklistWhen(garbled.engine, (x) => item(x, 'parsed_correctly').status === 'fail', 'parse error')
    )
    garbled.sim.faults.refuseConnections(true)
    garbled.sim.faults.dropConnections()
    collectChecklist(
      'upgrade refused',
      await checklistWhen(
        garbled.engine,
        (x) => /503/.test(item(x, 'connected').evidence),
        'connected failing with 503'
      )
    )

    // The hints no loopback fault reaches (a storage bug, a silent feed), built from a real run's context.
    const status = await quiet.engine.handlers.getCollectorStatus({ name: 'bybit_trades' })
    const x: fixes.FixContext = {
      wsUrl: status.url,
      proxy: status.proxy,
      collector: status.name,
      api: 'http://localhost:8000',
      mirrorPort: 8000,
      restUrl: status.rest_url,
      category: status.category,
      symbol: status.symbols[0]
    }
    for (const code of [...CONNECTION_ERROR_CODES, null])
      for (const text of fixes.connectionFixes(x, code)) suggestions.push({ from: `connection ${code}`, text })
    const proxied = { ...x, proxy: 'http://***@proxy.corp:3128 (HTTPS_PROXY)' }
    for (const text of fixes.connectionFixes(proxied, null)) suggestions.push({ from: 'connection via proxy', text })
    // "Not connecting" names the proxy in use, or says there is none.
    expect(fixes.connectionFixes(proxied, null).join('\n')).toContain(
      'The connection goes through the proxy http://***@proxy.corp:3128 (HTTPS_PROXY)'
    )
    expect(fixes.connectionFixes({ ...x, proxy: null }, null).join('\n')).toContain('No proxy in use')
    for (const build of [
      fixes.subscriptionFixes,
      fixes.messagesFixes,
      fixes.parseFixes,
      fixes.tradesFixes,
      fixes.storageHandlerFixes,
      fixes.sameInstanceFixes,
      fixes.storageErrorFixes,
      fixes.statsFixes,
      fixes.apiFixes,
      fixes.pausedFixes
    ])
      for (const text of build(x)) suggestions.push({ from: build.name, text })
  }, 30_000)

  it('each one has the shape its program accepts: host names without a port, URLs that parse, real npm scripts and flags', () => {
    const commands = suggestions.flatMap((s) => quotedCommands(s.text).map((command) => ({ from: s.from, command })))
    const problems = commands
      .map(({ from, command }) => ({ from, command, problem: commandProblem(command) }))
      .filter((c) => c.problem !== null)
    expect(problems).toEqual([])
    const programs = new Set(commands.flatMap((c) => programsOf(c.command)))
    expect([...programs].sort()).toEqual(
      ['curl', 'getent', 'grep', 'nc', 'npm', 'nslookup', 'openssl', 'python3', 'ss', 'watch'].sort()
    )
    // Prose that names a command is written in backticks, so none is missed above.
    const unquoted = suggestions
      .flatMap((s) => s.text.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, ''))
      .filter((t) => /\b(curl|getent|nslookup|nc -|openssl|npm run|python3?|watch -n|ss -)\b/.test(t))
    expect(unquoted).toEqual([])
  })
})
