// Settings kept across runs in the user-data folder (electron-store in the app; any key-value store
// with get/set here). What is read back is untrusted: it is parsed like any other settings change.

import { DEFAULT_SETTINGS, type Settings, type SettingsPatch } from '../../shared/settings'
import { applySettingsPatch, parseSettingsPatch, type Parsed } from '../../shared/validate'

const KEY = 'settings'

export interface KeyValueStore {
  get(key: string): unknown
  set(key: string, value: unknown): void
}

export type WarnFn = (message: string) => void

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

/**
 * Overrides for one run from `MDM_*` variables (the CLI flags' names), e.g. to point the app at the
 * simulator in tests. They are not saved.
 */
export function settingsPatchFromEnv(env: NodeJS.ProcessEnv): Parsed<SettingsPatch> {
  const raw: Record<string, unknown> = {}
  if (env.MDM_CATEGORY) raw.category = env.MDM_CATEGORY
  if (env.MDM_SYMBOLS) raw.symbols = env.MDM_SYMBOLS
  if (env.MDM_WS_URL) raw.wsUrl = env.MDM_WS_URL
  if (env.MDM_REST_URL) raw.restUrl = env.MDM_REST_URL
  if (env.MDM_TESTNET) raw.testnet = isTrue(env.MDM_TESTNET)
  if (env.MDM_MAX_TRADES_PER_SYMBOL) raw.maxTradesPerSymbol = env.MDM_MAX_TRADES_PER_SYMBOL
  const mirror: Record<string, unknown> = {}
  if (env.MDM_PORT) mirror.port = env.MDM_PORT
  if (env.MDM_NO_MIRROR) mirror.enabled = !isTrue(env.MDM_NO_MIRROR)
  if (Object.keys(mirror).length > 0) raw.mirror = mirror
  return parseSettingsPatch(raw)
}

function isTrue(v: string): boolean {
  return ['1', 'true', 'yes', 'on'].includes(v.trim().toLowerCase())
}
