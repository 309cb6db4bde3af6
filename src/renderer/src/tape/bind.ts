import type { AppStore } from '../store/store'
import type { TapeModel } from './tape-model'

/** The tape's filter and pause follow the store's (low-rate) preferences. */
export function bindTapeToStore(store: AppStore, tape: TapeModel): () => void {
  const apply = (): void => {
    const { tapePrefs, tapePaused } = store.getState()
    tape.setFilter({ symbol: tapePrefs.symbol, minSize: tapePrefs.minSize, grouping: tapePrefs.grouping })
    tape.setPaused(tapePaused)
  }
  apply()
  return store.subscribe((s, prev) => {
    if (s.tapePrefs !== prev.tapePrefs || s.tapePaused !== prev.tapePaused) apply()
  })
}
