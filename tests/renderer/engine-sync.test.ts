// The renderer's sync over the browser transport (HTTP + server-sent events) against a real mirror
// and engine collecting from the simulator: gaps and health reach the store and the tape as pushed
// events, without the sync asking for them again after its snapshot.

import { afterEach, describe, expect, it } from 'vitest'
import { createHttpApi } from '../../src/renderer/src/api/http-api'
import type { MonitorApi } from '../../src/renderer/src/api/types'
import { createAppStore } from '../../src/renderer/src/store/store'
import { startSync, type SyncHandle } from '../../src/renderer/src/sync/engine-sync'
import { TapeModel, type TapeGapRow } from '../../src/renderer/src/tape/tape-model'
import { startStack, waitSubscribed, type Stack } from '../support/stack'
import { waitFor } from '../support/wait-for'

let stack: Stack | null = null
let sync: SyncHandle | null = null
afterEach(async () => {
  sync?.stop()
  sync = null
  await stack?.close()
  stack = null
})

/** Engine behind a fault proxy, mirror in front, and the sync on the HTTP client; its health probe is 60 s away. */
async function startSynced() {
  const s = await startStack({
    faultProxy: true,
    mirror: true,
    engine: { settings: { symbols: ['BTCUSDT'] }, options: { intervals: { statusMs: 50 } } }
  })
  stack = s
  const http = createHttpApi(s.mirror.url!, s.token)
  /** The gap list requests the sync made. */
  const calls: string[] = []
  const api: MonitorApi = { ...http, getGaps: () => (calls.push('getGaps'), http.getGaps()) }
  const store = createAppStore()
  const tape = new TapeModel()
  sync = startSync(api, store, tape, { healthMs: 60_000 })
  await waitFor(() => store.getState().ready, { what: 'the first snapshot' })
  return { s, store, tape, calls }
}

function gapRows(tape: TapeModel): TapeGapRow[] {
  const rows: TapeGapRow[] = []
  for (let i = 0; i < tape.rows.size; i++) {
    const r = tape.rows.get(i)
    if (r?.kind === 'gap') rows.push(r)
  }
  return rows
}

describe('engine sync', () => {
  it('a gap opening and its backfill reach the store and the tape by push, after one snapshot request', async () => {
    const { s, store, tape, calls } = await startSynced()
    await waitSubscribed(s.engine)
    s.sim.emitTrades('spot', 'BTCUSDT', 5)
    await waitFor(() => tape.received === 5, { what: '5 trades on the tape' })
    expect(store.getState().gaps).toEqual([])

    s.proxy.refuse = true
    s.proxy.resetAll()
    await waitFor(() => store.getState().gaps.some((g) => g.to === null), { what: 'the open gap in the store' })
    s.sim.emitTrades('spot', 'BTCUSDT', 3)
    s.proxy.refuse = false
    const settled = await waitFor(() => store.getState().gaps.find((g) => g.backfill === 'complete'), {
      what: 'the backfilled gap in the store'
    })
    expect(settled).toMatchObject({ symbol: 'BTCUSDT', cause: 'disconnect', recovered: 3, unrecovered: 0 })
    expect(gapRows(tape).map((r) => r.gap)).toEqual([settled])
    expect(calls).toEqual(['getGaps'])
  })

  it('health turning degraded reaches the store by push, though no collector changed its status', async () => {
    const { s, store } = await startSynced()
    await waitSubscribed(s.engine)
    await waitFor(() => store.getState().health?.status === 'healthy', { what: 'healthy in the store' })

    s.engine.storage.injectFault(new Error('simulated disk failure'))
    s.sim.emitTrades('spot', 'BTCUSDT', 2)
    const health = await waitFor(
      () => (store.getState().health?.status === 'degraded' ? store.getState().health : null),
      {
        what: 'degraded in the store'
      }
    )
    expect(health.reasons).toEqual(['2 storage error(s)'])
    expect(store.getState().collectors.bybit_trades.status).toBe('connected')
  })
})
