// The resource sampler: periodic samples while the engine runs, with event-loop delay percentiles; the host's per-process metrics pass through, and stop ends the sampling.

import { afterEach, describe, expect, it } from 'vitest'
import type { Engine } from '../../src/main/core/engine'
import { testEngine } from '../support/engine-harness'
import { waitFor } from '../support/wait-for'
import { closedPort } from '../checklist/support'

let engine: Engine | null = null
afterEach(async () => {
  await engine?.stop()
  engine = null
})

describe('resources', () => {
  it('samples on a cadence, passes host metrics through and stops with the engine', async () => {
    const port = await closedPort()
    engine = testEngine(
      { wsUrl: `ws://127.0.0.1:${port}/v5/public/spot` },
      {
        resourceIntervalMs: 50,
        processMetrics: () => [{ pid: 1, type: 'GPU', name: null, cpu_percent: 1.5, memory_bytes: 1024 }]
      }
    )
    await engine.start()
    await waitFor(() => engine!.handlers.getResources().samples.length >= 2, { what: 'two samples' })
    const sample = engine.handlers.getResources().samples[1]
    expect(sample.event_loop_delay_p50_ms).toBeGreaterThanOrEqual(0)
    expect(sample.event_loop_delay_p99_ms).toBeGreaterThanOrEqual(sample.event_loop_delay_p50_ms!)
    expect(sample.rss_bytes).toBeGreaterThan(0)
    expect(sample.at - engine.handlers.getResources().samples[0].at).toBeGreaterThanOrEqual(40)
    const res = engine.handlers.getResources()
    expect(res.interval_ms).toBe(50)
    expect(res.processes).toEqual([{ pid: 1, type: 'GPU', name: null, cpu_percent: 1.5, memory_bytes: 1024 }])
    await engine.stop()
    const n = engine.handlers.getResources().samples.length
    await new Promise((r) => setTimeout(r, 150))
    expect(engine.handlers.getResources().samples.length).toBe(n)
  })
})
