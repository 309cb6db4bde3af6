// Pause and resume collection (the tray's Pause/Resume) over the mirror, against the simulator: the
// socket closes, the status shows paused with a gap recorded per live topic, trades sent meanwhile are
// not stored live, and resuming reconnects and backfills the gap.

import { afterEach, describe, expect, it } from 'vitest'
import type { ActionResult, CollectorStatus, GapsResponse } from '../../src/shared/dto'
import { getJson } from '../http/support'
import { startStack, waitSubscribed, type StackFor } from '../support/stack'
import { waitFor } from '../support/wait-for'

type MirrorStack = StackFor<{ mirror: true }>
let stack: MirrorStack | null = null

afterEach(async () => {
  await stack?.close()
  stack = null
})

async function setPaused(s: MirrorStack, body: unknown, token = s.token): Promise<{ status: number; body: unknown }> {
  const headers = { 'X-MDM-Token': token, 'Content-Type': 'application/json' }
  return getJson(s.mirrorPort, '/collectors/paused', { method: 'POST', headers, body: JSON.stringify(body) })
}

async function collectorStatus(s: MirrorStack): Promise<CollectorStatus> {
  return (await getJson<CollectorStatus>(s.mirrorPort, '/collectors/status/bybit_trades')).body
}

describe('pause and resume collection', () => {
  it('closes the socket, shows paused with the gap recorded, then reconnects and backfills', async () => {
    stack = await startStack({ simulator: { seed: 21 }, mirror: true })
    const s = stack
    await waitSubscribed(s.engine)
    s.sim.emitTrades('spot', 'BTCUSDT', 5)
    await waitFor(async () => (await collectorStatus(s)).trades_processed === 5, { what: '5 trades stored' })

    const paused = await setPaused(s, { paused: true })
    expect(paused.status).toBe(200)
    expect((paused.body as ActionResult).ok).toBe(true)
    await waitFor(() => s.sim.connectionCount('spot') === 0, { what: 'the socket closed' })
    const status = await collectorStatus(s)
    expect([status.status, status.phase]).toEqual(['paused', 'paused'])
    const gaps = (await getJson<GapsResponse>(s.mirrorPort, '/collectors/gaps')).body
    expect(gaps.gaps.map((g) => [g.symbol, g.cause, g.to])).toEqual([['BTCUSDT', 'pause', null]])
    expect((await getJson<{ reasons: string[] }>(s.mirrorPort, '/health')).body.reasons).toContain(
      'collector bybit_trades is paused (collection paused by the user)'
    )

    // While paused nothing connects, even after an engine restart.
    s.sim.emitTrades('spot', 'BTCUSDT', 4)
    await getJson(s.mirrorPort, '/engine/restart', {
      method: 'POST',
      headers: { 'X-MDM-Token': s.token, 'Content-Type': 'application/json' },
      body: '{}'
    })
    expect((await collectorStatus(s)).status).toBe('paused')
    expect(s.sim.connectionCount('spot')).toBe(0)

    expect((await setPaused(s, { paused: false })).status).toBe(200)
    await waitSubscribed(s.engine)
    // The 4 trades sent while paused come back through REST backfill.
    await waitFor(async () => (await collectorStatus(s)).status === 'connected', { what: 'connected again' })
    await waitFor(
      async () => (await getJson<GapsResponse>(s.mirrorPort, '/collectors/gaps')).body.gaps[0]?.backfill === 'complete',
      { what: 'the pause gap backfilled' }
    )
    expect(s.engine.storage.totalTrades).toBe(9)
  })

  it('refuses a body without a boolean and a call without the token', async () => {
    stack = await startStack({ simulator: { seed: 22 }, mirror: true })
    const bad = await setPaused(stack, { paused: 'yes' })
    expect([bad.status, (bad.body as { error: string; message: string }).message]).toEqual([
      400,
      'paused must be true or false'
    ])
    expect((await setPaused(stack, { paused: true }, 'wrong')).status).toBe(403)
    expect((await collectorStatus(stack)).status).not.toBe('paused')
  })
})
