import { app } from 'electron'
import type { ProcessMetric } from '../../shared/dto'

/** Electron's per-process metrics (main, renderer, GPU, utility) in the Resources panel's shape. */
export function electronProcessMetrics(): ProcessMetric[] {
  return app.getAppMetrics().map((m) => ({
    pid: m.pid,
    type: m.type,
    name: m.name ?? m.serviceName ?? null,
    cpu_percent: m.cpu.percentCPUUsage,
    // workingSetSize is in kilobytes.
    memory_bytes: m.memory ? m.memory.workingSetSize * 1024 : null
  }))
}
