// The Resources panel's "Loop delay p99" tile: fed by the same completed windows as the chart beside
// it. The engine's live peek is null right after its delay window restarts (seen with a real
// ResourceMonitor below), which used to blank the tile while the chart had values.

import { describe, expect, it } from 'vitest'
import { ResourceMonitor } from '../../src/main/core/resources/resource-monitor'
import type { ResourceSample, ResourcesResponse } from '../../src/shared/dto'
import { selectLoopDelay } from '../../src/renderer/src/views/checklist/loop-delay'
import { waitFor } from '../support/wait-for'

const sample = (at: number, p50: number | null, p99: number | null, max: number | null): ResourceSample => ({
  at,
  cpu_percent: 1,
  rss_bytes: 1,
  heap_used_bytes: 1,
  heap_total_bytes: 2,
  external_bytes: 0,
  event_loop_delay_p50_ms: p50,
  event_loop_delay_p99_ms: p99,
  event_loop_delay_max_ms: max,
  handles: {},
  open_sockets: 0,
  active_handles: 0
})

describe('selectLoopDelay', () => {
  it('reads the latest completed window when the live peek has no readings yet', () => {
    const data: ResourcesResponse = {
      current: sample(3000, null, null, null),
      samples: [sample(1000, 0.5, 3.1, 4), sample(2000, 0.7, 2.4, 5.5)],
      interval_ms: 1000
    }
    expect(selectLoopDelay(data)).toEqual({ p50_ms: 0.7, p99_ms: 2.4, max_ms: 5.5 })
  })

  it('skips windows without readings and falls back to the peek before any window completed', () => {
    expect(
      selectLoopDelay({
        current: sample(3000, null, null, null),
        samples: [sample(1000, 0.5, 3.1, 4), sample(2000, null, null, null)],
        interval_ms: 1000
      }).p99_ms
    ).toBe(3.1)
    expect(selectLoopDelay({ current: sample(500, 0.2, 1.5, 2), samples: [], interval_ms: 1000 }).p99_ms).toBe(1.5)
  })

  it('gives the tile a value whenever a real monitor’s chart has one, even just after a window restart', async () => {
    const monitor = new ResourceMonitor({ intervalMs: 60 })
    monitor.start()
    try {
      // the first completed window, then a peek taken right after the restart (no readings yet)
      const data = await waitFor(
        () => {
          const snap = monitor.snapshot()
          const charted = snap.samples.some((s) => s.event_loop_delay_p99_ms !== null)
          return charted && snap.current.event_loop_delay_p99_ms === null ? snap : undefined
        },
        { what: 'a charted window and an empty live window', timeoutMs: 10_000, intervalMs: 3 }
      )
      const chartLast = data.samples.filter((s) => s.event_loop_delay_p99_ms !== null).at(-1)
      expect(selectLoopDelay(data).p99_ms).toBe(chartLast?.event_loop_delay_p99_ms)
    } finally {
      monitor.stop()
    }
  })
})
