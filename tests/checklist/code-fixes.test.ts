// The checklist's fixes follow the error code the collector recorded, not the wording of a message:
// each stage broken for real at the simulator gives the first hint for its code; the codes no real
// fault here can produce are checked on the fix table itself.

import { afterEach, describe, expect, it } from 'vitest'
import { connectionFixes, subscriptionFixes, type FixContext } from '../../src/main/core/checklist/fixes'
import { checklistWhen, item, passes, startRig, type Rig } from './support'

let rig: Rig | null = null
afterEach(async () => {
  await rig?.close()
  rig = null
})

const x: FixContext = {
  wsUrl: 'wss://stream.bybit.com/v5/public/spot',
  proxy: null,
  collector: 'bybit_trades',
  api: 'http://localhost:8000',
  mirrorPort: 8000,
  restUrl: 'https://api.bybit.com',
  category: 'spot',
  symbol: 'BTCUSDT'
}

describe('checklist fixes by error code', () => {
  it('a refused subscribe (subscribe_failed) leads with reading the exchange reply, then the timeout hint', async () => {
    rig = await startRig({ mirror: false })
    rig.sim.faults.rejectSubscribe('BTCUSDT')
    const r = await checklistWhen(rig.engine, (c) => item(c, 'subscription_confirmed').status === 'fail', 'refused')
    const fix = item(r, 'subscription_confirmed').fix
    expect(rig.engine.manager.get('bybit_trades')!.status().last_error?.code).toBe('subscribe_failed')
    expect(fix[0]).toMatch(/^Read the exchange reply quoted above: "handler not found"/)
    expect(fix[1]).toMatch(/^No reply at all \(ack_timeout\)/)
  })

  it('an unanswered subscribe (ack_timeout) leads with the resubscribe-then-reconnect hint while it waits again', async () => {
    rig = await startRig({ mirror: false })
    rig.sim.faults.ackSubscribe(false)
    const r = await checklistWhen(
      rig.engine,
      (c) =>
        item(c, 'subscription_confirmed').status === 'pending' &&
        rig!.engine.manager.get('bybit_trades')!.status().last_error?.code === 'ack_timeout',
      'subscribing again after an ack timeout'
    )
    const sub = item(r, 'subscription_confirmed')
    expect(sub.fix[0]).toMatch(/^No reply at all \(ack_timeout\): the collector resubscribes once, then reconnects/)
    expect(sub.fix[1]).toMatch(/^Read the exchange reply/)
  })

  it('an upgrade refused with 503 (http_503) gives the maintenance hint for that status', async () => {
    rig = await startRig({ mirror: false })
    await checklistWhen(rig.engine, passes('connected'), 'connected')
    rig.sim.faults.refuseConnections(true)
    rig.sim.faults.dropConnections()
    const r = await checklistWhen(
      rig.engine,
      (c) => item(c, 'connected').status === 'fail' && item(c, 'connected').facts.last_error_code === 'http_503',
      'connected failing with http_503'
    )
    expect(item(r, 'connected').fix[0]).toBe(
      'The server refused the WebSocket upgrade with an HTTP status (503): maintenance or overload at the exchange; the collector keeps retrying with backoff.'
    )
  })

  it('picks the hint by code alone, one per kind of failure', () => {
    const first = (code: Parameters<typeof connectionFixes>[1]): string => connectionFixes(x, code)[0]
    expect(first('http_403')).toMatch(/\(403\): a region or IP block/)
    expect(first('http_429')).toMatch(/\(429\): too many connection attempts/)
    expect(first('http_301')).toMatch(/\(301\): the endpoint moved; redirects are not followed/)
    expect(first('upgrade_refused')).toMatch(/^The server refused the WebSocket upgrade with an HTTP status: /)
    expect(first('CERT_HAS_EXPIRED')).toMatch(/^TLS failed/)
    expect(first('ERR_SSL_WRONG_VERSION_NUMBER')).toMatch(/^TLS failed/)
    expect(first('ENOTFOUND')).toBe(
      'DNS does not resolve stream.bybit.com: check the network and the host name with `getent hosts stream.bybit.com`.'
    )
    expect(first('ENETUNREACH')).toMatch(/^No route to stream\.bybit\.com:/)
    expect(first('proxy_auth_required')).toMatch(/^The proxy wants credentials \(407\)/)
    expect(first('proxy_refused')).toBe(
      'The proxy refused the tunnel: its rules must allow CONNECT to stream.bybit.com:443.'
    )
    expect(first('connect_budget')).toMatch(/^The connection budget is spent/)
    expect(first('silent_connection')).toMatch(/^The connection went silent/)
    // no specific hint: the general steps come first
    expect(first('ws_error')).toMatch(/^Run the network diagnostics/)
    expect(first(null)).toMatch(/^Run the network diagnostics/)
    // still waiting for a reply: both hints, refusal first
    expect(
      subscriptionFixes(x)
        .slice(0, 2)
        .map((l) => l.slice(0, 20))
    ).toEqual(['Read the exchange re', 'No reply at all (ack'])
  })
})
