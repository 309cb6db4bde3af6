import type { RateSample, StorageStats } from '../../../shared/dto'
import type { Slice } from './types'

/** Ten minutes of one-second samples: what the charts show. */
export const SAMPLE_WINDOW = 600

export interface StorageSlice {
  stats: StorageStats | null
  samples: RateSample[]
  applyStats(stats: StorageStats): void
  setSamples(samples: readonly RateSample[]): void
  addSample(sample: RateSample): void
}

function bounded(samples: RateSample[]): RateSample[] {
  return samples.length > SAMPLE_WINDOW ? samples.slice(samples.length - SAMPLE_WINDOW) : samples
}

export const createStorageSlice: Slice<StorageSlice> = (set) => ({
  stats: null,
  samples: [],
  applyStats: (stats) => set({ stats }),
  setSamples: (samples) => set({ samples: bounded([...samples].sort((a, b) => a.at - b.at)) }),
  addSample: (sample) =>
    set((s) => {
      const last = s.samples[s.samples.length - 1]
      // a snapshot and the live stream overlap after a reconnect: keep time strictly increasing
      if (last && sample.at <= last.at) return s
      return { samples: bounded([...s.samples, sample]) }
    })
})
