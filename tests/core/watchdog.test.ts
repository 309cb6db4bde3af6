import { describe, expect, it } from 'vitest'
import { judge, type WatchdogLimits, type WatchdogSnapshot } from '../../src/main/core/collector/watchdog'

const limits: WatchdogLimits = { intervalMs: 1_000, silenceTimeoutMs: 60_000, dataStaleMs: 300_000 }
const T0 = 1_700_000_000_000

/** A streaming connection opened at T0 whose last tick ran a second before `now`. */
function snapshot(now: number, over: Partial<WatchdogSnapshot> = {}): WatchdogSnapshot {
  return {
    previousTickAt: now - 1_000,
    open: true,
    phase: 'streaming',
    lastFrameAt: now - 1_000,
    connectedSince: T0,
    lastTradeAt: T0,
    ...over
  }
}

describe('watchdog judge', () => {
  it('skips when no connection is open, however long the silence', () => {
    const now = T0 + 10 * 60_000
    expect(judge(now, snapshot(now, { open: false, lastFrameAt: T0 }), limits)).toEqual({ action: 'skip' })
  })

  it('reconnects a connection silent past the limit, and not one just inside it', () => {
    const now = T0 + 120_000
    expect(judge(now, snapshot(now, { lastFrameAt: now - 60_001 }), limits)).toEqual({
      action: 'reconnect',
      silentMs: 60_001
    })
    expect(judge(now, snapshot(now, { lastFrameAt: now - 60_000, lastTradeAt: now }), limits)).toEqual({
      action: 'ok'
    })
  })

  it('after an event-loop stall (a late tick) judges nothing, so unread frames are not mistaken for silence', () => {
    const now = T0 + 120_000
    const late = snapshot(now, { previousTickAt: now - 2_101, lastFrameAt: T0 })
    expect(judge(now, late, limits)).toEqual({ action: 'skip' })
    const onTime = snapshot(now, { previousTickAt: now - 2_100, lastFrameAt: T0 })
    expect(judge(now, onTime, limits).action).toBe('reconnect')
  })

  it('calls a streaming connection with no trades past dataStaleMs stale, counting from the later of trade and connect', () => {
    const now = T0 + 300_001
    expect(judge(now, snapshot(now), limits)).toEqual({ action: 'stale', quietMs: 300_001 })
    expect(judge(now, snapshot(now, { lastTradeAt: null, connectedSince: T0 + 1 }), limits)).toEqual({ action: 'ok' })
    expect(judge(now, snapshot(now, { lastTradeAt: T0 + 2, connectedSince: null }), limits)).toEqual({ action: 'ok' })
  })

  it('judges staleness only while streaming (subscribing waits for acks, stale is already stale)', () => {
    const now = T0 + 400_000
    for (const phase of ['subscribing', 'stale', 'open'] as const) {
      expect(judge(now, snapshot(now, { phase }), limits), phase).toEqual({ action: 'ok' })
    }
  })

  it('silence wins over staleness: a dead connection is reconnected, not just shown stale', () => {
    const now = T0 + 400_000
    expect(judge(now, snapshot(now, { lastFrameAt: T0 }), limits).action).toBe('reconnect')
  })
})
