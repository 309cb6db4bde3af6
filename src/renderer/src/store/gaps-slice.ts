import type { GapRecord } from '../../../shared/dto'
import type { Slice } from './types'

export interface GapsSlice {
  /** Every gap the engine keeps, newest first. */
  gaps: GapRecord[]
  /** When the list was last loaded (null: never). */
  gapsAt: number | null
  setGaps(gaps: readonly GapRecord[], at: number): void
}

function same(a: readonly GapRecord[], b: readonly GapRecord[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) {
    const x = a[i]
    const y = b[i]
    if (
      x.id !== y.id ||
      x.to !== y.to ||
      x.backfill !== y.backfill ||
      x.recovered !== y.recovered ||
      x.unrecovered !== y.unrecovered ||
      x.detail !== y.detail
    ) {
      return false
    }
  }
  return true
}

export const createGapsSlice: Slice<GapsSlice> = (set) => ({
  gaps: [],
  gapsAt: null,
  // polled every few seconds: an unchanged list keeps its identity, so nothing re-renders
  setGaps: (incoming, at) =>
    set((s) => {
      const gaps = [...incoming].sort((a, b) => b.id - a.id)
      return same(s.gaps, gaps) ? { gapsAt: at } : { gaps, gapsAt: at }
    })
})
