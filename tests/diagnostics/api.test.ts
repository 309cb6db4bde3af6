// The new calls over the real mirror: the checklist re-run per request, the Markdown report (JSON and
// .md, no token in it), token-protected diagnostics, the full engine restart that keeps settings,
// resources, and the mirror-port check naming the process that holds a busy port.

import { spawn, type ChildProcess } from 'node:child_process'
import { afterEach, describe, expect, it } from 'vitest'
import type {
  ChecklistReport,
  DiagnosticsReport,
  DiagnosticsReportText,
  MirrorPortCheck,
  ResourcesResponse
} from '../../src/shared/dto'
import { checklistWhen, closedPort, passes, startRig, type Rig } from '../checklist/support'
import { waitFor } from '../support/wait-for'

let rig: Rig | null = null
let child: ChildProcess | null = null
afterEach(async () => {
  await rig?.close()
  rig = null
  if (child && child.exitCode === null) {
    const c = child
    const exited = new Promise((r) => c.once('exit', r))
    c.kill()
    await exited
  }
  child = null
})

async function get<T>(path: string): Promise<{ status: number; type: string; body: T; text: string }> {
  const res = await fetch(rig!.mirror!.url + path, { headers: { connection: 'close' } })
  const text = await res.text()
  const type = res.headers.get('content-type') ?? ''
  return { status: res.status, type, text, body: (type.includes('json') ? JSON.parse(text) : null) as T }
}

async function post<T>(path: string, token: string | null, body: unknown = {}): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = { 'content-type': 'application/json', connection: 'close' }
  if (token !== null) headers['x-mdm-token'] = token
  const res = await fetch(rig!.mirror!.url + path, { method: 'POST', headers, body: JSON.stringify(body) })
  return { status: res.status, body: (await res.json()) as T }
}

describe('checklist, report and recovery over the mirror', () => {
  it('GET /debug/checklist evaluates anew on every request', async () => {
    rig = await startRig()
    await checklistWhen(rig.engine, passes('subscription_confirmed'), 'subscribed')
    const first = await get<ChecklistReport>('/debug/checklist')
    expect(first.status).toBe(200)
    expect(first.body.items).toHaveLength(11)
    expect(first.body.items.find((i) => i.id === 'trades_created')?.status).toBe('pending')
    rig.sim.emitTrades('spot', 'BTCUSDT', 4)
    await waitFor(async () => (await get<ChecklistReport>('/debug/checklist')).body.all_passed, {
      what: 'all pass over HTTP'
    })
    const again = await get<ChecklistReport>('/debug/checklist')
    expect(again.body.evaluated_at).toBeGreaterThan(first.body.evaluated_at)
  })

  it('serves the bug-report Markdown as JSON and as text/markdown, without the mirror token', async () => {
    rig = await startRig()
    await checklistWhen(rig.engine, passes('subscription_confirmed'), 'subscribed')
    rig.sim.emitTrades('spot', 'BTCUSDT', 2)
    await checklistWhen(rig.engine, (r) => r.all_passed, 'all pass')
    // The token shows up in a log line, as it might if a user pasted a curl command into settings.
    rig.engine.logger.log('INFO', 'engine', `user ran: curl -H "X-MDM-Token: ${rig.token}" …`)
    const json = await get<DiagnosticsReportText>('/debug/report')
    expect(json.status).toBe(200)
    const md = json.body.markdown
    for (const section of [
      '## Versions',
      '## Settings',
      '## Checklist',
      '## Status',
      '## Storage',
      '## Resources',
      '## Network diagnostics'
    ])
      expect(md).toContain(section)
    expect(md).toMatch(/## Last \d+ log lines/)
    expect(md).toContain('All 10 checks pass')
    expect(md).toContain(`Node ${process.version}`)
    expect(md).toMatch(/\| symbols \| BTCUSDT \|/)
    expect(md).not.toContain(rig.token)
    expect(md).toContain('X-MDM-Token: [redacted]')
    const file = await get<null>('/debug/report.md')
    expect(file.status).toBe(200)
    expect(file.type).toBe('text/markdown; charset=utf-8')
    expect(file.text).toMatch(/^# Market Data Monitor — diagnostics report/)
    expect(file.text).not.toContain(rig.token)
  })

  it('runs diagnostics only with the token, logs the outcome and puts it in the report', async () => {
    rig = await startRig()
    expect((await post('/debug/diagnostics', null)).status).toBe(401)
    const r = await post<DiagnosticsReport>('/debug/diagnostics', rig.token)
    expect(r.status).toBe(200)
    expect(r.body.ok).toBe(true)
    expect(r.body.url).toBe(rig.sim.wsUrl('spot'))
    expect(rig.engine.log.recent(20).some((e) => e.message.includes('Network diagnostics: every step passed'))).toBe(
      true
    )
    const md = (await get<DiagnosticsReportText>('/debug/report')).body.markdown
    expect(md).toMatch(/All steps pass — ws:\/\/127\.0\.0\.1/)
    expect(md).toMatch(/\| Ping round trip \| pass \|/)
  })

  it('restarts the whole engine on request, keeping settings and stored trades, and collects again', async () => {
    rig = await startRig()
    await checklistWhen(rig.engine, passes('subscription_confirmed'), 'subscribed')
    rig.sim.emitTrades('spot', 'BTCUSDT', 3)
    await checklistWhen(rig.engine, (r) => r.all_passed, 'all pass')
    const settingsBefore = rig.engine.handlers.getSettings()
    const collectorBefore = rig.engine.manager.get('bybit_trades')
    expect((await post('/engine/restart', null)).status).toBe(401)
    const res = await post<{ ok: boolean; message: string }>('/engine/restart', rig.token)
    expect(res.body).toEqual({ ok: true, message: 'Engine restarted: collectors reconnecting with the same settings' })
    expect(rig.engine.manager.get('bybit_trades')).not.toBe(collectorBefore)
    expect(rig.engine.handlers.getSettings()).toEqual(settingsBefore)
    expect(rig.engine.storage.totalTrades).toBe(3)
    const log = rig.engine.log.recent(200).map((e) => e.message)
    expect(log).toContain('Engine stopped')
    expect(log).toContain('Engine restarted')
    await checklistWhen(rig.engine, passes('connected', 'subscription_confirmed'), 'subscribed after restart')
    rig.sim.emitTrades('spot', 'BTCUSDT', 2)
    await checklistWhen(rig.engine, (r) => r.all_passed, 'all pass after restart')
    expect(rig.engine.storage.totalTrades).toBe(5)
  })

  it('samples process resources: CPU, memory, event-loop delay and handles by type', async () => {
    rig = await startRig()
    const res = await get<ResourcesResponse>('/debug/resources')
    expect(res.status).toBe(200)
    const c = res.body.current
    expect(c.rss_bytes).toBeGreaterThan(10 * 1024 * 1024)
    expect(c.heap_used_bytes).toBeLessThanOrEqual(c.heap_total_bytes)
    expect(c.open_sockets).toBeGreaterThanOrEqual(2) // the collector's socket and the mirror's server at least
    expect(c.handles.TCPServerWrap).toBeGreaterThanOrEqual(1)
    expect(c.active_handles).toBeGreaterThanOrEqual(c.open_sockets)
    expect(res.body.processes).toBeUndefined()
  })

  it('checks the mirror port: ours, free, or held by another process named by pid and command', async () => {
    rig = await startRig()
    const port = Number(new URL(rig.mirror!.url!).port)
    expect((await post('/debug/mirror-port', null)).status).toBe(401)
    const ours = await post<MirrorPortCheck>('/debug/mirror-port', rig.token)
    expect(ours.body).toMatchObject({ ok: true, port, listening: true, ours: true })
    expect(ours.body.message).toMatch(/held by this app's mirror/)

    const free = await closedPort()
    const freeCheck = await post<MirrorPortCheck>('/debug/mirror-port', rig.token, { port: free })
    expect(freeCheck.body).toMatchObject({ ok: true, port: free, listening: false, ours: false, holder: null })
    expect((await post('/debug/mirror-port', rig.token, { port: 'abc' })).status).toBe(400)

    // Another process holds a port.
    child = spawn(
      process.execPath,
      ['-e', "require('net').createServer().listen(0,'127.0.0.1',function(){console.log(this.address().port)})"],
      {
        stdio: ['ignore', 'pipe', 'inherit']
      }
    )
    const busy = await new Promise<number>((resolve) =>
      child!.stdout!.once('data', (d: Buffer) => resolve(Number(d.toString().trim())))
    )
    const held = await post<MirrorPortCheck>('/debug/mirror-port', rig.token, { port: busy })
    expect(held.body).toMatchObject({ ok: false, port: busy, listening: true, ours: false })
    if (process.platform === 'linux') {
      expect(held.body.holder?.pid).toBe(child.pid)
      expect(held.body.holder?.command).toContain('createServer')
      expect(held.body.message).toMatch(new RegExp(`held by pid ${child.pid} \\(`))
    }
    expect(rig.engine.log.recent(10).some((e) => e.message.startsWith('Mirror port check: Port ' + busy))).toBe(true)
  })
})
