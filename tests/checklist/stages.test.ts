// Each stage broken for real against the simulator: the matching item fails with the evidence a
// user needs, the earlier stages still pass, later ones say what blocks them, and recovery turns
// the item green again.

import { afterEach, describe, expect, it } from 'vitest'
import { waitFor } from '../support/wait-for'
import { checklistWhen, item, passes, startRig, statuses, type Rig } from './support'

let rig: Rig | null = null
afterEach(async () => {
  await rig?.close()
  rig = null
})

const ALL = [
  'connected',
  'subscription_confirmed',
  'messages_received',
  'parsed_correctly',
  'trades_created',
  'storage_handler',
  'same_storage_instance',
  'no_storage_errors',
  'trades_in_stats',
  'retrievable_via_api',
  'trades_forwarded'
] as const

describe('debugging checklist', () => {
  it('passes all ten items on a healthy feed, with a real read-back through the mirror', async () => {
    rig = await startRig()
    const r0 = await checklistWhen(rig.engine, passes('subscription_confirmed'), 'subscribed')
    expect(item(r0, 'trades_created').status).toBe('pending')
    rig.sim.emitTrades('spot', 'BTCUSDT', 5)
    const r = await checklistWhen(rig.engine, (x) => x.all_passed, 'every item passing')
    expect(r.items.map((i) => i.id)).toEqual([...ALL])
    expect(r.first_failure).toBeNull()
    expect(r.summary).toMatch(/All 10 checks pass/)
    // "Trades forwarded" is skipped without --publish and does not count against all_passed.
    expect(r.counts).toEqual({ pass: 10, fail: 0, pending: 0, skipped: 1 })
    expect(item(r, 'trades_forwarded')).toMatchObject({
      status: 'skipped',
      evidence: 'forwarding is off (no --publish)'
    })
    const api = item(r, 'retrievable_via_api')
    expect(api.evidence).toMatch(
      new RegExp(`GET ${rig.mirror!.url}/collectors/trades\\?limit=1 → 200 in [\\d.]+ ms: BTCUSDT`)
    )
    expect(api.facts.count).toBe(1)
    expect(item(r, 'trades_in_stats').evidence).toMatch(/^5 trades held \(BTCUSDT 5\)/)
    expect(item(r, 'same_storage_instance').evidence).toBe(`${rig.engine.storage.id} is the manager's storage`)
    for (const i of r.items) expect(i.fix).toEqual([])
  })

  it('skips the API read-back with the reason when the mirror is off, and judges the rest', async () => {
    rig = await startRig()
    await checklistWhen(rig.engine, passes('subscription_confirmed'), 'subscribed')
    rig.sim.emitTrades('spot', 'BTCUSDT', 3)
    await checklistWhen(rig.engine, (x) => x.all_passed, 'all passing with the mirror on')
    await rig.mirror!.close()
    const r = await rig.engine.handlers.getChecklist()
    const api = item(r, 'retrievable_via_api')
    expect(api.status).toBe('skipped')
    expect(api.evidence).toMatch(/REST mirror is off/)
    expect(api.fix.join(' ')).toMatch(/Check mirror port/)
    expect(r.all_passed).toBe(false)
    expect(r.first_failure).toBeNull()
    expect(r.counts.pass).toBe(9)
  })

  it('connection refused (closed port): "connected" fails with the socket error, later stages are blocked; recovers when the endpoint appears', async () => {
    rig = await startRig({ simulatorDown: true })
    const port = rig.sim.port
    const r = await checklistWhen(rig.engine, (x) => item(x, 'connected').status === 'fail', 'connected failing')
    const c = item(r, 'connected')
    expect(c.evidence).toMatch(new RegExp(`ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:${port}`))
    expect(c.facts.last_error_code).toBe('ECONNREFUSED')
    expect(c.fix.join('\n')).toMatch(new RegExp(`Nothing is listening at 127.0.0.1:${port}`))
    expect(c.fix.join('\n')).toMatch(/curl -i -N .*http:\/\/127\.0\.0\.1:\d+\/v5\/public\/spot/)
    expect(r.first_failure).toBe('connected')
    expect(r.summary).toMatch(/^Likely cause: "WebSocket connected" fails/)
    for (const id of ['subscription_confirmed', 'messages_received', 'parsed_correctly', 'trades_created'] as const) {
      expect(item(r, id).status).toBe('skipped')
      expect(item(r, id).evidence).toMatch(/^blocked by "WebSocket connected"/)
    }
    // Structural checks do not depend on the socket.
    expect(item(r, 'storage_handler').status).toBe('pass')
    expect(item(r, 'same_storage_instance').status).toBe('pass')
    expect(r.counts.fail).toBe(1)

    // The endpoint comes up on that port: the backoff reconnects and the stages go green.
    const sim = await rig.restartSimulator({ seed: 3 })
    await checklistWhen(rig.engine, passes('connected', 'subscription_confirmed'), 'reconnected')
    sim.emitTrades('spot', 'BTCUSDT', 2)
    const ok = await checklistWhen(rig.engine, passes('trades_created', 'retrievable_via_api'), 'recovered')
    expect(ok.first_failure).toBeNull()
  })

  it('upgrade refused (HTTP 503): "connected" quotes the server answer and passes after the fault clears and a reconnect', async () => {
    rig = await startRig()
    await checklistWhen(rig.engine, passes('connected'), 'connected')
    rig.sim.faults.refuseConnections(true)
    rig.sim.faults.dropConnections()
    const r = await checklistWhen(
      rig.engine,
      (x) => item(x, 'connected').status === 'fail' && /503/.test(item(x, 'connected').evidence),
      'connected failing with 503'
    )
    expect(item(r, 'connected').evidence).toMatch(/Unexpected server response: 503/)
    expect(item(r, 'connected').fix.join(' ')).toMatch(/refused the WebSocket upgrade with an HTTP status/)
    rig.sim.faults.refuseConnections(false)
    expect((await rig.engine.handlers.reconnectCollector({ name: 'bybit_trades' })).ok).toBe(true)
    await checklistWhen(rig.engine, passes('connected', 'subscription_confirmed'), 'connected again')
  })

  it('subscribe rejected: the exchange reply is quoted verbatim; connected and messages pass; recovers after accept + reconnect', async () => {
    rig = await startRig({ mirror: false })
    rig.sim.faults.rejectSubscribe('BTCUSDT')
    const r = await checklistWhen(rig.engine, (x) => item(x, 'subscription_confirmed').status === 'fail', 'refused')
    const sub = item(r, 'subscription_confirmed')
    expect(sub.evidence).toBe(
      'publicTrade.BTCUSDT refused by the exchange: "error:handler not found,topic:publicTrade.BTCUSDT"'
    )
    expect(sub.facts.first_refusal).toBe('error:handler not found,topic:publicTrade.BTCUSDT')
    expect(sub.fix[0]).toMatch(/handler not found/)
    expect(item(r, 'connected').status).toBe('pass')
    expect(item(r, 'messages_received').status).toBe('pass')
    expect(item(r, 'parsed_correctly').status).toBe('pass')
    expect(item(r, 'trades_created').status).toBe('skipped')
    expect(item(r, 'trades_created').evidence).toMatch(/^blocked by "Subscription confirmed"/)
    expect(item(r, 'trades_in_stats').evidence).toMatch(/^blocked by "Subscription confirmed"/)
    expect(r.first_failure).toBe('subscription_confirmed')

    rig.sim.faults.acceptSubscribe('BTCUSDT')
    await rig.engine.handlers.reconnectCollector({ name: 'bybit_trades' })
    await checklistWhen(rig.engine, passes('subscription_confirmed'), 'subscribed after recovery')
    rig.sim.emitTrades('spot', 'BTCUSDT', 3)
    const ok = await checklistWhen(rig.engine, passes('trades_created', 'trades_in_stats'), 'trades after recovery')
    expect(ok.first_failure).toBeNull()
  })

  it('malformed frames: "parsed correctly" fails with the parser error, earlier items pass; a collector restart clears it', async () => {
    rig = await startRig({ mirror: false })
    await checklistWhen(rig.engine, passes('subscription_confirmed'), 'subscribed')
    rig.sim.emitTrades('spot', 'BTCUSDT', 3)
    await checklistWhen(rig.engine, passes('trades_in_stats'), 'trades stored')
    rig.sim.sendRaw('spot', '{"topic":"publicTrade.BTCUSDT","data":[{"broken"')
    rig.sim.sendRaw('spot', 'not json at all')
    const r = await checklistWhen(
      rig.engine,
      (x) => item(x, 'parsed_correctly').facts.parse_errors === 2,
      'two parse errors'
    )
    const p = item(r, 'parsed_correctly')
    expect(p.status).toBe('fail')
    const counters = rig.engine.manager.get('bybit_trades')!.counters
    expect(p.evidence).toContain(`2 parse errors in `)
    expect(p.evidence).toContain(counters.lastParseError!)
    expect(p.link).toEqual({ view: 'logs', code: 'parse_error' })
    expect(statuses(r)).toMatchObject({ connected: 'pass', subscription_confirmed: 'pass', messages_received: 'pass' })
    expect(r.first_failure).toBe('parsed_correctly')

    await rig.engine.handlers.restartCollector({ name: 'bybit_trades' })
    const ok = await checklistWhen(rig.engine, passes('parsed_correctly', 'subscription_confirmed'), 'parsing again')
    expect(item(ok, 'parsed_correctly').evidence).toMatch(/0 parse errors/)
  })

  it('storage fault: "no storage exceptions" fails with the exact error while every earlier stage passes; the next stored trade clears it', async () => {
    rig = await startRig({ mirror: false })
    await checklistWhen(rig.engine, passes('subscription_confirmed'), 'subscribed')
    rig.sim.emitTrades('spot', 'BTCUSDT', 2)
    await checklistWhen(rig.engine, passes('trades_in_stats'), 'trades stored')
    rig.engine.storage.injectFault(new Error('disk full (injected)'))
    rig.sim.emitTrades('spot', 'BTCUSDT', 3)
    const r = await checklistWhen(rig.engine, (x) => item(x, 'no_storage_errors').status === 'fail', 'storage failing')
    const s = item(r, 'no_storage_errors')
    expect(s.evidence).toMatch(/^\d+ storage errors?, the last at .*: disk full \(injected\); no trade stored since$/)
    expect(s.facts.last_error).toBe('disk full (injected)')
    expect(r.first_failure).toBe('no_storage_errors')
    for (const id of [
      'connected',
      'subscription_confirmed',
      'messages_received',
      'parsed_correctly',
      'trades_created',
      'storage_handler',
      'same_storage_instance'
    ] as const)
      expect(item(r, id).status).toBe('pass')
    expect(item(r, 'trades_in_stats').status).toBe('skipped')
    expect(item(r, 'trades_in_stats').evidence).toMatch(/^blocked by "No storage exceptions"/)

    rig.engine.storage.injectFault(null)
    await waitFor(() => Date.now() > (s.facts.last_error_at as number))
    rig.sim.emitTrades('spot', 'BTCUSDT', 2)
    const ok = await checklistWhen(rig.engine, passes('no_storage_errors', 'trades_in_stats'), 'storage recovered')
    expect(item(ok, 'no_storage_errors').evidence).toMatch(/trades stored again since/)
  })
})
