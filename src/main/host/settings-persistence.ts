// Settings kept across runs in the user-data folder (electron-store in the app; any key-value store
// with get/set here). What is read back is untrusted: it is parsed like any other settings change.

import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings'
import { applySettingsPatch, parseSettingsPatch } from '../../shared/validate'

const KEY = 'settings'

export interface KeyValueStore {
  get(key: string): unknown
  set(key: string, value: unknown): void
}

export type WarnFn = (message: string) => void

/** Settings for this run only, when the file cannot be used without losing what is in it. */
export function memoryStore(): KeyValueStore {
  const values = new Map<string, unknown>()
  return {
    get: (key) => structuredClone(values.get(key)),
    set: (key, value) => values.set(key, structuredClone(value))
  }
}

/** The saved settings over the defaults; anything unreadable falls back to the defaults, with a warning. */
export function loadSettings(store: KeyValueStore, warn: WarnFn): Settings {
  const raw = store.get(KEY)
  if (raw === undefined) return DEFAULT_SETTINGS
  const parsed = parseSettingsPatch(raw)
  if (!parsed.ok) {
    warn(`Saved settings are invalid (${parsed.error}); using the defaults`)
    return DEFAULT_SETTINGS
  }
  return applySettingsPatch(DEFAULT_SETTINGS, parsed.value)
}

export function saveSettings(store: KeyValueStore, settings: Settings): void {
  store.set(KEY, settings)
}
