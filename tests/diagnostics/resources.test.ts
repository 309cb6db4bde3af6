// The resource sampler: periodic samples while the engine runs, with event-loop delay percentiles; the host's per-process metrics pass through, and stop ends the sampling.

import { afterEach, describe, expect, it } from 'vitest'
import { startStack, type Stack } from '../support/stack'
import { waitFor } from '../support/wait-for'

const INTERVAL_MS = 50

let stack: Stack | null = null
afterEach(async () => {
  await stack?.close()
  stack = null
})

describe('resources', () => {
  it('samples on a cadence, passes host metrics through and stops with the engine', async () => {
    stack = await startStack({
      engine: {
        options: {
          resourceIntervalMs: INTERVAL_MS,
          processMetrics: () => [{ pid: 1, type: 'GPU', name: null, cpu_percent: 1.5, memory_bytes: 1024 }]
        }
      }
    })
    const { engine } = stack
    await waitFor(() => engine.handlers.getResources().samples.length >= 2, { what: 'two samples' })
    const sample = engine.handlers.getResources().samples[1]
    expect(sample.event_loop_delay_p50_ms).toBeGreaterThanOrEqual(0)
    expect(sample.event_loop_delay_p99_ms).toBeGreaterThanOrEqual(sample.event_loop_delay_p50_ms!)
    expect(sample.rss_bytes).toBeGreaterThan(0)
    expect(sample.at - engine.handlers.getResources().samples[0].at).toBeGreaterThanOrEqual(INTERVAL_MS - 10)
    const res = engine.handlers.getResources()
    expect(res.interval_ms).toBe(INTERVAL_MS)
    expect(res.processes).toEqual([{ pid: 1, type: 'GPU', name: null, cpu_percent: 1.5, memory_bytes: 1024 }])
    await engine.stop()
    const samples = engine.handlers.getResources().samples
    const last = samples[samples.length - 1]
    // Stopped means silent: three whole sampling periods past the last sample bring none.
    await waitFor(() => Date.now() > last.at + 3 * INTERVAL_MS, {
      what: 'three sampling periods after the last sample'
    })
    expect(engine.handlers.getResources().samples).toEqual(samples)
  })
})
