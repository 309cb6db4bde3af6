// Theme and tape preferences in localStorage; absent storage (tests, locked-down contexts) is fine.

import type { AppStore } from './store'
import { DEFAULT_TAPE_PREFS, type PersistedUi } from './ui-slice'

const KEY = 'mdm.ui.v1'

export function loadUiPrefs(storage: Storage | undefined): Partial<PersistedUi> {
  try {
    const raw = storage?.getItem(KEY)
    if (!raw) return {}
    const parsed = JSON.parse(raw) as Partial<PersistedUi>
    const out: Partial<PersistedUi> = {}
    if (parsed.theme === 'dark' || parsed.theme === 'light') out.theme = parsed.theme
    if (parsed.tapePrefs && typeof parsed.tapePrefs === 'object') {
      const p = parsed.tapePrefs
      out.tapePrefs = {
        symbol: typeof p.symbol === 'string' ? p.symbol : null,
        minSize: typeof p.minSize === 'number' && p.minSize >= 0 ? p.minSize : 0,
        grouping: p.grouping === true,
        largeNotional:
          typeof p.largeNotional === 'number' && p.largeNotional >= 0
            ? p.largeNotional
            : DEFAULT_TAPE_PREFS.largeNotional
      }
    }
    return out
  } catch {
    return {}
  }
}

/** Writes on change; returns the unsubscribe. */
export function persistUiPrefs(store: AppStore, storage: Storage | undefined): () => void {
  if (!storage) return () => {}
  return store.subscribe((s, prev) => {
    if (s.theme === prev.theme && s.tapePrefs === prev.tapePrefs) return
    try {
      storage.setItem(KEY, JSON.stringify({ theme: s.theme, tapePrefs: s.tapePrefs } satisfies PersistedUi))
    } catch {
      // quota or privacy mode: preferences just do not persist
    }
  })
}
