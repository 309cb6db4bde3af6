// The last view, theme, tape and sound preferences in localStorage; absent storage (tests, locked-down contexts) is fine.

import type { AppStore } from './store'
import { DEFAULT_SOUND_PREFS, DEFAULT_TAPE_PREFS, VIEWS, type PersistedUi } from './ui-slice'

const KEY = 'mdm.ui.v1'

export function loadUiPrefs(storage: Storage | undefined): Partial<PersistedUi> {
  try {
    const raw = storage?.getItem(KEY)
    if (!raw) return {}
    const parsed = JSON.parse(raw) as Partial<PersistedUi>
    const out: Partial<PersistedUi> = {}
    if (parsed.theme === 'dark' || parsed.theme === 'light') out.theme = parsed.theme
    const view = VIEWS.find((v) => v.id === parsed.view)
    if (view) out.view = view.id
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
    if (parsed.soundPrefs && typeof parsed.soundPrefs === 'object') {
      const p = parsed.soundPrefs
      out.soundPrefs = {
        enabled: p.enabled === true,
        volume: typeof p.volume === 'number' && p.volume >= 0 && p.volume <= 1 ? p.volume : DEFAULT_SOUND_PREFS.volume,
        feed: p.feed !== false
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
    const same =
      s.view === prev.view &&
      s.theme === prev.theme &&
      s.tapePrefs === prev.tapePrefs &&
      s.soundPrefs === prev.soundPrefs
    if (same) return
    try {
      const prefs = {
        view: s.view,
        theme: s.theme,
        tapePrefs: s.tapePrefs,
        soundPrefs: s.soundPrefs
      } satisfies PersistedUi
      storage.setItem(KEY, JSON.stringify(prefs))
    } catch {
      // quota or privacy mode: preferences just do not persist
    }
  })
}
