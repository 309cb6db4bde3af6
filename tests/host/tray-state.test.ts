// The tray's state model: colour, tooltip and menu from the collectors' statuses, first from a real
// engine collecting from the simulator (live, paused, down), then for the states a test cannot
// hold steady (reconnecting, a long error).

import { afterEach, describe, expect, test } from 'vitest'
import type { CollectorStatus } from '../../src/shared/dto'
import { TOOLTIP_MAX, trayChanges, trayView } from '../../src/main/host/tray-state'
import { startStack, waitSubscribed, type Stack } from '../support/stack'
import { waitFor } from '../support/wait-for'

let stack: Stack | null = null
afterEach(async () => {
  await stack?.close()
  stack = null
})

const statuses = (s: Stack): CollectorStatus[] => Object.values(s.engine.handlers.getCollectorsStatus())
const labels = (view: ReturnType<typeof trayView>): string[] => view.menu.map((m) => m.label)

describe('tray state from a real engine', () => {
  test('green while live, grey with Resume while paused, red with the last problem when the exchange is gone', async () => {
    stack = await startStack({ simulator: { seed: 31 } })
    const s = stack
    await waitSubscribed(s.engine)
    const live = trayView(statuses(s))
    expect(live.colour).toBe('green')
    expect(live.tooltip).toBe('Market Data Monitor: feed live, 0.0 trades/s')
    expect(labels(live)).toEqual(['Show', 'Pause collection', 'Quit'])

    await s.engine.handlers.setCollectionPaused({ paused: true })
    const paused = trayView(statuses(s))
    expect(paused.colour).toBe('grey')
    expect(paused.tooltip).toMatch(/^Market Data Monitor: collection paused, /)
    expect(paused.menu.map((m) => m.action)).toEqual(['show', 'resume', 'quit'])

    await s.engine.handlers.setCollectionPaused({ paused: false })
    await waitSubscribed(s.engine)
    await s.sim.close()
    const down = await waitFor(() => {
      const view = trayView(statuses(s))
      return view.colour === 'red' && view.tooltip.includes('\nlast problem: ') && view
    })
    expect(down.tooltip).toMatch(/^Market Data Monitor: feed down, 0\.0 trades\/s\nlast problem: \w+: /)
    expect(labels(down)).toEqual(['Show', 'Pause collection', 'Quit'])
  })
})

describe('tray state, by hand', () => {
  const base = {
    name: 'bybit_trades',
    status: 'connected',
    trades_per_s: 0,
    last_error: null
  } as unknown as CollectorStatus
  const at = (over: Partial<CollectorStatus>): CollectorStatus => ({ ...base, ...over })

  test('amber while reconnecting or stale, trades/s summed over the collectors', () => {
    const view = trayView([at({ trades_per_s: 12.4 }), at({ name: 'other', status: 'reconnecting', trades_per_s: 3 })])
    expect(view.colour).toBe('amber')
    expect(view.tooltip).toBe('Market Data Monitor: feed degraded, 15 trades/s')
    expect(trayView([at({ status: 'stale' })]).colour).toBe('amber')
    expect(trayView([]).colour).toBe('grey')
  })

  test('the newest error is the last problem, and the tooltip stays within the platform limit', () => {
    const older = { code: 'ECONNREFUSED' as const, message: 'refused', at: 1 }
    const newer = { code: 'http_503' as const, message: 'x'.repeat(300), at: 2 }
    const view = trayView([at({ status: 'reconnecting', last_error: older }), at({ name: 'b', last_error: newer })])
    expect(view.tooltip.split('\n')[1]).toMatch(/^last problem: http_503: x+…$/)
    expect(view.tooltip).toHaveLength(TOOLTIP_MAX)
  })

  test('the first view sets everything; an unchanged view sets nothing', () => {
    const a = trayView([base])
    expect(trayChanges(null, a)).toEqual({ colour: true, tooltip: true, menu: true })
    expect(trayChanges(a, trayView([base]))).toEqual({ colour: false, tooltip: false, menu: false })
  })

  test('a trades/s change updates the tooltip only: the menu is not set again (Linux re-exports it)', () => {
    const a = trayView([at({ trades_per_s: 3 })])
    expect(trayChanges(a, trayView([at({ trades_per_s: 4 })]))).toEqual({ colour: false, tooltip: true, menu: false })
  })

  test('pausing changes colour, tooltip and menu; a new problem changes the tooltip and colour only', () => {
    const a = trayView([base])
    expect(trayChanges(a, trayView([at({ status: 'paused' })]))).toEqual({ colour: true, tooltip: true, menu: true })
    const down = trayView([
      at({ status: 'reconnecting', last_error: { code: 'ECONNREFUSED', message: 'refused', at: 1 } })
    ])
    expect(trayChanges(a, down)).toEqual({ colour: true, tooltip: true, menu: false })
  })
})
