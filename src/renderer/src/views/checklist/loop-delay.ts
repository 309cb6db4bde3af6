// What the "Loop delay p99" tile shows. `current` is a peek at the engine's open delay window, which
// restarts at every periodic sample: right after a restart it has no readings and says null, while
// the chart beside the tile plots the completed windows. So the tile reads the latest completed
// window (the chart's last point) and uses the peek only before the first window completes.

import type { ResourceSample, ResourcesResponse } from '../../../../shared/dto'

export interface LoopDelayReading {
  p50_ms: number | null
  p99_ms: number | null
  max_ms: number | null
}

const reading = (s: ResourceSample): LoopDelayReading => ({
  p50_ms: s.event_loop_delay_p50_ms,
  p99_ms: s.event_loop_delay_p99_ms,
  max_ms: s.event_loop_delay_max_ms
})

export function selectLoopDelay(data: ResourcesResponse): LoopDelayReading {
  for (let i = data.samples.length - 1; i >= 0; i--) {
    if (data.samples[i].event_loop_delay_p99_ms !== null) return reading(data.samples[i])
  }
  return reading(data.current)
}
