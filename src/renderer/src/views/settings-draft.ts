// The settings form's draft: strings as typed, validated field by field with the shared parser
// (the same rules the engine applies), and turned into the smallest patch that changes something.

import { categoriesOf, MAX_SELECTED_SYMBOLS } from '../../../shared/markets'
import { defaultWsUrl, SETTINGS_LIMITS, type Settings, type SettingsPatch } from '../../../shared/settings'
import { parseSettingsPatch } from '../../../shared/validate'

export type EndpointMode = 'mainnet' | 'testnet' | 'custom'

export interface SettingsDraft {
  /** One category or a comma list (spot,linear). */
  category: string
  symbols: string
  endpoint: EndpointMode
  wsUrl: string
  restUrl: string
  /** '' the environment's proxy, `none`, or a proxy URL. */
  proxy: string
  mirrorEnabled: boolean
  mirrorPort: string
  maxTradesPerSymbol: string
  memoryBudgetMb: string
  notificationsEnabled: boolean
  downThresholdS: string
}

export type DraftField = keyof SettingsDraft
export type DraftErrors = Partial<Record<DraftField, string>>

export function draftFrom(s: Settings): SettingsDraft {
  const custom = s.wsUrl !== null || s.restUrl !== null
  return {
    category: s.category,
    symbols: s.symbols.join(', '),
    endpoint: custom ? 'custom' : s.testnet ? 'testnet' : 'mainnet',
    wsUrl: s.wsUrl ?? '',
    restUrl: s.restUrl ?? '',
    proxy: s.proxy,
    mirrorEnabled: s.mirror.enabled,
    mirrorPort: String(s.mirror.port),
    maxTradesPerSymbol: String(s.maxTradesPerSymbol),
    memoryBudgetMb: String(s.memoryBudgetMb),
    notificationsEnabled: s.notifications.enabled,
    downThresholdS: String(s.notifications.downThresholdS)
  }
}

/**
 * The form's React key: the fields it edits, as it would show them. It changes after the form's own
 * apply (or when another client changes one of those fields), so the form restarts from what the
 * engine now uses, and not when a setting it does not edit changes (the Desktop app checkboxes),
 * which would drop the user's unsaved edits.
 */
export function settingsFormKey(s: Settings): string {
  return JSON.stringify(draftFrom(s))
}

/** Each field as the raw patch the shared parser checks. */
function rawPatches(d: SettingsDraft): [DraftField, Record<string, unknown>][] {
  const custom = d.endpoint === 'custom'
  return [
    ['category', { category: d.category.replace(/[\s;]+/g, ',') }],
    ['symbols', { symbols: d.symbols.replace(/[\s;]+/g, ',') }],
    ['wsUrl', custom ? { wsUrl: d.wsUrl.trim() === '' ? null : d.wsUrl.trim() } : { wsUrl: null }],
    ['restUrl', custom ? { restUrl: d.restUrl.trim() === '' ? null : d.restUrl.trim() } : { restUrl: null }],
    ['endpoint', { testnet: d.endpoint === 'testnet' }],
    ['proxy', { proxy: d.proxy }],
    ['mirrorEnabled', { mirror: { enabled: d.mirrorEnabled } }],
    ['mirrorPort', { mirror: { port: d.mirrorPort.trim() } }],
    ['maxTradesPerSymbol', { maxTradesPerSymbol: d.maxTradesPerSymbol.trim() }],
    ['memoryBudgetMb', { memoryBudgetMb: d.memoryBudgetMb.trim() }],
    ['notificationsEnabled', { notifications: { enabled: d.notificationsEnabled } }],
    ['downThresholdS', { notifications: { downThresholdS: d.downThresholdS.trim() } }]
  ]
}

export interface DraftCheck {
  errors: DraftErrors
  /** Only what differs from the current settings; empty when nothing changed. */
  patch: SettingsPatch
  changed: boolean
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

export function checkDraft(d: SettingsDraft, current: Settings): DraftCheck {
  const errors: DraftErrors = {}
  const merged: SettingsPatch = {}
  const base = draftFrom(current)
  for (const [field, raw] of rawPatches(d)) {
    // a field left as the engine has it is not the user's to fix (and is not sent)
    const dependsOnEndpoint = field === 'wsUrl' || field === 'restUrl'
    if (d[field] === base[field] && (!dependsOnEndpoint || d.endpoint === base.endpoint)) continue
    const r = parseSettingsPatch(raw)
    if (!r.ok) {
      errors[field] = r.error
      continue
    }
    const v = r.value
    if (v.mirror) merged.mirror = { ...merged.mirror, ...v.mirror }
    if (v.notifications) merged.notifications = { ...merged.notifications, ...v.notifications }
    const { mirror: _m, notifications: _n, ...rest } = v
    Object.assign(merged, rest)
  }
  if (d.endpoint === 'custom' && d.wsUrl.trim() === '' && !errors.wsUrl) {
    errors.wsUrl = 'a custom endpoint needs a WebSocket URL (ws:// on loopback, wss:// elsewhere)'
  }
  const patch: SettingsPatch = {}
  if (merged.category !== undefined && merged.category !== current.category) patch.category = merged.category
  if (merged.symbols && !same(merged.symbols, current.symbols)) patch.symbols = merged.symbols
  if (merged.wsUrl !== undefined && merged.wsUrl !== current.wsUrl) patch.wsUrl = merged.wsUrl
  if (merged.restUrl !== undefined && merged.restUrl !== current.restUrl) patch.restUrl = merged.restUrl
  if (merged.testnet !== undefined && merged.testnet !== current.testnet) patch.testnet = merged.testnet
  if (merged.proxy !== undefined && merged.proxy !== current.proxy) patch.proxy = merged.proxy
  if (merged.maxTradesPerSymbol !== undefined && merged.maxTradesPerSymbol !== current.maxTradesPerSymbol) {
    patch.maxTradesPerSymbol = merged.maxTradesPerSymbol
  }
  if (merged.memoryBudgetMb !== undefined && merged.memoryBudgetMb !== current.memoryBudgetMb) {
    patch.memoryBudgetMb = merged.memoryBudgetMb
  }
  const mirror: SettingsPatch['mirror'] = {}
  if (merged.mirror?.enabled !== undefined && merged.mirror.enabled !== current.mirror.enabled) {
    mirror.enabled = merged.mirror.enabled
  }
  if (merged.mirror?.port !== undefined && merged.mirror.port !== current.mirror.port) mirror.port = merged.mirror.port
  if (Object.keys(mirror).length) patch.mirror = mirror
  const notifications: SettingsPatch['notifications'] = {}
  if (merged.notifications?.enabled !== undefined && merged.notifications.enabled !== current.notifications.enabled) {
    notifications.enabled = merged.notifications.enabled
  }
  if (
    merged.notifications?.downThresholdS !== undefined &&
    merged.notifications.downThresholdS !== current.notifications.downThresholdS
  ) {
    notifications.downThresholdS = merged.notifications.downThresholdS
  }
  if (Object.keys(notifications).length) patch.notifications = notifications
  return { errors, patch, changed: Object.keys(patch).length > 0 }
}

export const LIMIT_HINTS = {
  category: 'spot, linear or inverse, or several: spot,linear,inverse',
  symbols: `up to ${MAX_SELECTED_SYMBOLS}, comma or space separated; linear:BTCUSDT for one category; ALL for every listed symbol`,
  port: `${SETTINGS_LIMITS.minPort}–${SETTINGS_LIMITS.maxPort}`,
  maxTrades: `${SETTINGS_LIMITS.minTradesPerSymbol.toLocaleString('en-US')}–${SETTINGS_LIMITS.maxTradesPerSymbol.toLocaleString('en-US')} per symbol`,
  memoryBudget: `${SETTINGS_LIMITS.minMemoryBudgetMb}–${SETTINGS_LIMITS.maxMemoryBudgetMb.toLocaleString('en-US')} MB, all symbols`,
  threshold: `${SETTINGS_LIMITS.minDownThresholdS}–${SETTINGS_LIMITS.maxDownThresholdS} s`
}

/** Bybit's stream URL of each category the draft names (the first category alone while it is being typed). */
export function draftDefaultWsUrls(d: SettingsDraft): string {
  const categories = categoriesOf(d.category.replace(/;/g, ','))
  return (categories.length > 0 ? categories : (['spot'] as const))
    .map((c) => defaultWsUrl(c, d.endpoint === 'testnet'))
    .join(' ')
}
