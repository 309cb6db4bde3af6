// Trades whose exchange time is a minute old (a replayed capture, a skewed clock) through the real
// engine and mirror: /metrics counts them in the +Inf bucket only, and the status says "beyond the
// top bucket" with the true maximum instead of a made-up 10,000 ms.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CollectorStatus } from '../../src/shared/dto'
import { getJson, http } from './support'
import { startMirrorStack, type MirrorStack } from './stack'
import { waitSubscribed } from '../support/stack'
import { waitFor } from '../support/wait-for'

const AGE_MS = 60_000
const N = 5

let stack: MirrorStack
let oldestT = 0

beforeAll(async () => {
  stack = await startMirrorStack()
  await waitSubscribed(stack.engine)
  const now = Date.now()
  oldestT = now - AGE_MS - (N - 1) * 1000
  const data = Array.from({ length: N }, (_, i) => ({
    i: `old-${i}`,
    T: oldestT + i * 1000,
    p: '50000.00',
    v: '0.001',
    S: 'Buy',
    seq: 1000 + i,
    s: 'BTCUSDT',
    BT: false,
    RPI: false
  }))
  stack.sim.sendRaw('spot', JSON.stringify({ topic: 'publicTrade.BTCUSDT', ts: now, type: 'snapshot', data }))
  await waitFor(async () => (await stack.engine.handlers.getStorageStats()).total_trades === N, {
    what: 'old trades stored'
  })
})
afterAll(async () => {
  await stack?.close()
})

describe('latency beyond the histogram top bucket', () => {
  it('/metrics: only the +Inf bucket holds them, and count and sum are the real ones', async () => {
    const res = await http(stack.port, '/metrics')
    const sample = (suffix: string): number => {
      const line = res.text.split('\n').find((l) => l.startsWith(`mdm_exchange_latency_seconds${suffix}`))
      if (!line) throw new Error(`no mdm_exchange_latency_seconds${suffix} line`)
      return Number(line.slice(line.lastIndexOf(' ') + 1))
    }
    expect(sample('_bucket{collector="bybit_trades",category="spot",le="10"}')).toBe(0)
    expect(sample('_bucket{collector="bybit_trades",category="spot",le="+Inf"}')).toBe(N)
    expect(sample('_count{')).toBe(N)
    // each trade is at least AGE_MS old when received
    expect(sample('_sum{')).toBeGreaterThanOrEqual((N * AGE_MS) / 1000)
  })

  it('/collectors/status: p50/p99 read as beyond the top bucket, with the true maximum', async () => {
    const { body } = await getJson<Record<string, CollectorStatus>>(stack.port, '/collectors/status')
    const lat = body.bybit_trades.latency
    expect(lat).toMatchObject({ p50_ms: null, p99_ms: null, p50_beyond_top: true, p99_beyond_top: true })
    expect(lat.top_ms).toBe(10_000)
    expect(lat.max_ms).toBeGreaterThanOrEqual(AGE_MS + (N - 1) * 1000)
    expect(lat.samples).toBe(N)
  })
})
