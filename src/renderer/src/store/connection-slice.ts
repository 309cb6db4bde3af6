import type { CollectorStatus, HealthReport, MirrorStatus, RuntimeInfo } from '../../../shared/dto'
import type { TransportState } from '../api/types'
import type { Slice } from './types'

/** Whether the engine answered: `unknown` until the first attempt settles. */
export type Reachability = 'unknown' | 'reachable' | 'unreachable'

export interface ConnectionSlice {
  transport: TransportState
  reachability: Reachability
  /** Why the last request to the engine failed, in words. */
  engineError: string | null
  /** When the next attempt to load the snapshot is due (while unreachable). */
  nextSnapshotAt: number | null
  /** The first snapshot arrived: views show data, not placeholders. */
  ready: boolean
  collectors: Record<string, CollectorStatus>
  health: HealthReport | null
  runtime: RuntimeInfo | null
  mirror: MirrorStatus | null
  /** Pushed events the mirror skipped for us because we fell behind: the total and the last time. */
  streamDropped: { total: number; at: number } | null
  setTransport(state: TransportState): void
  engineAnswered(): void
  engineFailed(message: string, retryAt: number | null): void
  markReady(): void
  applyStatuses(list: readonly CollectorStatus[]): void
  setHealth(health: HealthReport): void
  setRuntime(runtime: RuntimeInfo): void
  setMirror(mirror: MirrorStatus): void
  noteDropped(count: number, at: number): void
  dismissDropped(): void
}

export const createConnectionSlice: Slice<ConnectionSlice> = (set) => ({
  transport: 'connecting',
  reachability: 'unknown',
  engineError: null,
  nextSnapshotAt: null,
  ready: false,
  collectors: {},
  health: null,
  runtime: null,
  mirror: null,
  streamDropped: null,
  setTransport: (transport) => set({ transport }),
  engineAnswered: () => set({ reachability: 'reachable', engineError: null, nextSnapshotAt: null }),
  engineFailed: (engineError, nextSnapshotAt) => set({ reachability: 'unreachable', engineError, nextSnapshotAt }),
  markReady: () => set({ ready: true }),
  // a status push carries every collector: one that is missing has been removed (settings change)
  applyStatuses: (list) => set({ collectors: Object.fromEntries(list.map((c) => [c.name, c])) }),
  setHealth: (health) => set({ health }),
  setRuntime: (runtime) => set({ runtime, mirror: runtime.mirror }),
  setMirror: (mirror) => set({ mirror }),
  noteDropped: (count, at) => set((s) => ({ streamDropped: { total: (s.streamDropped?.total ?? 0) + count, at } })),
  dismissDropped: () => set({ streamDropped: null })
})
