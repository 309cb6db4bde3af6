// The guide's container stats for this process: CPU, memory, event-loop delay and open handles,
// sampled on a fixed cadence into a bounded history for the live charts. Owned by the engine:
// `start` on engine start, `stop` on engine stop (clears the timer and the delay histogram).

import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks'
import type { ProcessMetric, ResourceSample, ResourcesResponse } from '../../../shared/dto'

export interface ResourceMonitorOptions {
  intervalMs?: number
  /** Samples kept (oldest dropped first). */
  keep?: number
  /** Per-process metrics from the host (Electron's `app.getAppMetrics()`); absent headless. */
  processMetrics?: () => ProcessMetric[]
}

const NS_PER_MS = 1e6
/** The delay histogram records the whole timer interval; its lateness is the value minus this. */
const RESOLUTION_MS = 10
const SOCKET_TYPES = new Set(['TCPSocketWrap', 'TCPServerWrap', 'TLSWrap', 'PipeWrap', 'UDPWrap'])

export class ResourceMonitor {
  readonly intervalMs: number
  private readonly keep: number
  private readonly samples: ResourceSample[] = []
  private timer: NodeJS.Timeout | null = null
  private delay: IntervalHistogram | null = null
  private lastCpu = process.cpuUsage()
  private lastAt = performance.now()

  constructor(private readonly opts: ResourceMonitorOptions = {}) {
    this.intervalMs = opts.intervalMs ?? 2000
    this.keep = opts.keep ?? 300
  }

  start(): void {
    if (this.timer) return
    this.delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS })
    this.delay.enable()
    this.lastCpu = process.cpuUsage()
    this.lastAt = performance.now()
    this.timer = setInterval(() => this.record(), this.intervalMs)
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    this.delay?.disable()
    this.delay = null
  }

  /** A fresh sample now (not stored), plus the history. */
  snapshot(): ResourcesResponse {
    const out: ResourcesResponse = {
      current: this.measure(false),
      samples: [...this.samples],
      interval_ms: this.intervalMs
    }
    if (this.opts.processMetrics) out.processes = this.opts.processMetrics()
    return out
  }

  private record(): void {
    this.samples.push(this.measure(true))
    if (this.samples.length > this.keep) this.samples.shift()
  }

  /** `advance`: the CPU and delay windows restart here (periodic samples); a snapshot only peeks. */
  private measure(advance: boolean): ResourceSample {
    const now = performance.now()
    const cpu = process.cpuUsage(this.lastCpu)
    const wallUs = Math.max(1, (now - this.lastAt) * 1000)
    const cpuPercent = Math.round(((cpu.user + cpu.system) / wallUs) * 1000) / 10
    const mem = process.memoryUsage()
    const handles: Record<string, number> = {}
    let sockets = 0
    const active = process.getActiveResourcesInfo()
    for (const type of active) {
      handles[type] = (handles[type] ?? 0) + 1
      if (SOCKET_TYPES.has(type) && type !== 'PipeWrap') sockets++
    }
    const d = this.delay
    const ms = (ns: number): number | null =>
      d && d.count > 0 ? Math.max(0, Math.round((ns / NS_PER_MS - RESOLUTION_MS) * 100) / 100) : null
    const sample: ResourceSample = {
      at: Date.now(),
      cpu_percent: cpuPercent,
      rss_bytes: mem.rss,
      heap_used_bytes: mem.heapUsed,
      heap_total_bytes: mem.heapTotal,
      external_bytes: mem.external,
      event_loop_delay_p50_ms: d ? ms(d.percentile(50)) : null,
      event_loop_delay_p99_ms: d ? ms(d.percentile(99)) : null,
      event_loop_delay_max_ms: d ? ms(d.max) : null,
      handles,
      open_sockets: sockets,
      active_handles: active.length
    }
    if (advance) {
      this.lastCpu = process.cpuUsage()
      this.lastAt = now
      d?.reset()
    }
    return sample
  }
}
