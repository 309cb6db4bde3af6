import { CATEGORIES, type Category } from './dto'
import { SETTINGS_LIMITS, type Settings, type SettingsPatch } from './settings'
import { isRecord } from './guards'
import { parsePersistSettings, parseRecordFrames } from './validate-persist'
import { parsePublishSettings } from './validate-publish'
import { marketsOf, parseCategories, parseSymbolSelection } from './markets'

/** Parse results at the edges (flags, HTTP queries, IPC arguments): a value, or a message naming the rule. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string }

export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value })
export const fail = <T = never>(error: string): Parsed<T> => ({ ok: false, error })

const SYMBOL_RE = /^[A-Z0-9]{2,30}$/

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h)
}

/**
 * Plain `ws://` / `http://` only for loopback hosts (the simulator); anything else must be
 * `wss://` / `https://`. Certificate checks are never turned off anywhere.
 */
export function parseEndpointUrl(raw: string, kind: 'ws' | 'rest'): Parsed<string> {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return fail(`not a valid URL: ${JSON.stringify(raw.slice(0, 200))}`)
  }
  const secure = kind === 'ws' ? 'wss:' : 'https:'
  const plain = kind === 'ws' ? 'ws:' : 'http:'
  if (url.protocol === secure) return ok(url.toString().replace(/\/$/, url.pathname === '/' ? '' : '/'))
  if (url.protocol === plain) {
    if (isLoopbackHost(url.hostname)) return ok(url.toString().replace(/\/$/, url.pathname === '/' ? '' : '/'))
    return fail(
      `${plain}// is accepted only for loopback hosts (127.0.0.1, localhost); use ${secure}// for ${url.hostname}`
    )
  }
  return fail(
    `${kind === 'ws' ? 'WebSocket' : 'REST'} URL must start with ${secure}// (or ${plain}// on loopback), got ${url.protocol}//`
  )
}

export function parseCategory(raw: unknown): Parsed<Category> {
  return typeof raw === 'string' && (CATEGORIES as readonly string[]).includes(raw)
    ? ok(raw as Category)
    : fail(`category must be one of ${CATEGORIES.join(', ')}`)
}

export function parseSymbols(raw: unknown): Parsed<string[]> {
  const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : null
  if (!list) return fail('symbols must be a comma-separated list such as BTCUSDT,ETHUSDT')
  const symbols: string[] = []
  for (const item of list) {
    if (typeof item !== 'string') return fail('symbols must be strings')
    const s = item.trim().toUpperCase()
    if (s === '') continue
    if (!SYMBOL_RE.test(s)) return fail(`invalid symbol ${JSON.stringify(item.slice(0, 40))}: 2-30 letters and digits`)
    if (!symbols.includes(s)) symbols.push(s)
  }
  if (symbols.length === 0) return fail('at least one symbol is required')
  if (symbols.length > SETTINGS_LIMITS.maxSymbols) return fail(`at most ${SETTINGS_LIMITS.maxSymbols} symbols`)
  return ok(symbols)
}

export function parseIntInRange(raw: unknown, name: string, min: number, max: number): Parsed<number> {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+$/.test(raw.trim()) ? Number(raw) : NaN
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    return fail(`${name} must be an integer between ${min} and ${max}`)
  }
  return ok(n)
}

/** A proxy value as curl reads it: without `scheme://` it is an HTTP proxy. */
export function withProxyScheme(value: string): string {
  const v = value.trim()
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(v) ? v : `http://${v}`
}

/** '', `none`, or an http(s) proxy (`host:port` means http://) with nothing after the port; kept as typed. */
export function parseProxySetting(raw: unknown): Parsed<string> {
  if (typeof raw !== 'string') return fail('proxy must be a string: "", "none" or http://host:port')
  const v = raw.trim()
  if (v === '' || v.toLowerCase() === 'none') return ok(v.toLowerCase())
  let u: URL
  try {
    u = new URL(withProxyScheme(v))
  } catch {
    return fail('proxy must be "", "none" or a URL like http://host:3128')
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    return fail(`proxy: ${u.protocol}// proxies are not supported (http or https)`)
  if (u.hostname === '' || u.pathname !== '/' || u.search !== '' || u.hash !== '')
    return fail('proxy must be [scheme://][user:pass@]host:port only')
  return ok(v)
}

/** Validates a settings change from the UI or the API; unknown keys are an error, not ignored. */
export function parseSettingsPatch(raw: unknown): Parsed<SettingsPatch> {
  if (!isRecord(raw)) return fail('settings must be a JSON object')
  const known = new Set([
    'category',
    'symbols',
    'wsUrl',
    'restUrl',
    'testnet',
    'proxy',
    'mirror',
    'maxTradesPerSymbol',
    'memoryBudgetMb',
    'recordFile',
    'notifications',
    'desktop',
    'persist',
    'recordFrames',
    'publish'
  ])
  for (const key of Object.keys(raw)) if (!known.has(key)) return fail(`unknown setting ${JSON.stringify(key)}`)
  const patch: SettingsPatch = {}
  if (raw.category !== undefined) {
    const r = parseCategories(raw.category)
    if (!r.ok) return r
    patch.category = r.value
  }
  if (raw.symbols !== undefined) {
    const r = parseSymbolSelection(raw.symbols)
    if (!r.ok) return r
    patch.symbols = r.value
  }
  if (patch.category !== undefined && patch.symbols !== undefined) {
    if (marketsOf(patch.category, patch.symbols).markets.length === 0)
      return fail(`symbols ${patch.symbols.join(',')} name no symbol of the selected categories (${patch.category})`)
  }
  for (const [key, kind] of [
    ['wsUrl', 'ws'],
    ['restUrl', 'rest']
  ] as const) {
    const v = raw[key]
    if (v === undefined) continue
    if (v === null || v === '') {
      patch[key] = null
      continue
    }
    if (typeof v !== 'string') return fail(`${key} must be a string or null`)
    const r = parseEndpointUrl(v, kind)
    if (!r.ok) return fail(`${key}: ${r.error}`)
    patch[key] = r.value
  }
  if (raw.testnet !== undefined) {
    if (typeof raw.testnet !== 'boolean') return fail('testnet must be true or false')
    patch.testnet = raw.testnet
  }
  if (raw.proxy !== undefined) {
    const r = parseProxySetting(raw.proxy)
    if (!r.ok) return r
    patch.proxy = r.value
  }
  for (const [key, min, max] of [
    ['maxTradesPerSymbol', SETTINGS_LIMITS.minTradesPerSymbol, SETTINGS_LIMITS.maxTradesPerSymbol],
    ['memoryBudgetMb', SETTINGS_LIMITS.minMemoryBudgetMb, SETTINGS_LIMITS.maxMemoryBudgetMb]
  ] as const) {
    if (raw[key] === undefined) continue
    const r = parseIntInRange(raw[key], key, min, max)
    if (!r.ok) return r
    patch[key] = r.value
  }
  if (raw.recordFile !== undefined) {
    if (raw.recordFile !== null && typeof raw.recordFile !== 'string') return fail('recordFile must be a path or null')
    patch.recordFile = raw.recordFile === '' ? null : (raw.recordFile as string | null)
  }
  if (raw.mirror !== undefined) {
    if (!isRecord(raw.mirror)) return fail('mirror must be an object')
    const m: Partial<Settings['mirror']> = {}
    if (raw.mirror.enabled !== undefined) {
      if (typeof raw.mirror.enabled !== 'boolean') return fail('mirror.enabled must be true or false')
      m.enabled = raw.mirror.enabled
    }
    if (raw.mirror.port !== undefined) {
      const r = parseIntInRange(raw.mirror.port, 'mirror.port', SETTINGS_LIMITS.minPort, SETTINGS_LIMITS.maxPort)
      if (!r.ok) return r
      m.port = r.value
    }
    if (raw.mirror.host !== undefined) {
      if (raw.mirror.host !== '127.0.0.1') return fail('mirror.host must be 127.0.0.1 (the mirror is loopback-only)')
      m.host = raw.mirror.host
    }
    patch.mirror = m
  }
  if (raw.notifications !== undefined) {
    if (!isRecord(raw.notifications)) return fail('notifications must be an object')
    const n: Partial<Settings['notifications']> = {}
    if (raw.notifications.enabled !== undefined) {
      if (typeof raw.notifications.enabled !== 'boolean') return fail('notifications.enabled must be true or false')
      n.enabled = raw.notifications.enabled
    }
    if (raw.notifications.downThresholdS !== undefined) {
      const r = parseIntInRange(
        raw.notifications.downThresholdS,
        'notifications.downThresholdS',
        SETTINGS_LIMITS.minDownThresholdS,
        SETTINGS_LIMITS.maxDownThresholdS
      )
      if (!r.ok) return r
      n.downThresholdS = r.value
    }
    patch.notifications = n
  }
  if (raw.desktop !== undefined) {
    const r = parseDesktopSettings(raw.desktop)
    if (!r.ok) return r
    patch.desktop = r.value
  }
  if (raw.persist !== undefined) {
    const r = parsePersistSettings(raw.persist)
    if (!r.ok) return r
    patch.persist = r.value
  }
  if (raw.recordFrames !== undefined) {
    const r = parseRecordFrames(raw.recordFrames)
    if (!r.ok) return r
    patch.recordFrames = r.value
  }
  if (raw.publish !== undefined) {
    const r = parsePublishSettings(raw.publish)
    if (!r.ok) return r
    patch.publish = r.value
  }
  return ok(patch)
}

const DESKTOP_KEYS = ['quitOnClose', 'launchAtLogin'] as const

function parseDesktopSettings(raw: unknown): Parsed<Partial<Settings['desktop']>> {
  if (!isRecord(raw)) return fail('desktop must be an object')
  const d: Partial<Settings['desktop']> = {}
  for (const key of Object.keys(raw)) {
    if (!(DESKTOP_KEYS as readonly string[]).includes(key)) return fail(`unknown setting "desktop.${key}"`)
  }
  for (const key of DESKTOP_KEYS) {
    const v = raw[key]
    if (v === undefined) continue
    if (typeof v !== 'boolean') return fail(`desktop.${key} must be true or false`)
    d[key] = v
  }
  return ok(d)
}

export function applySettingsPatch(base: Settings, patch: SettingsPatch): Settings {
  return {
    ...base,
    ...patch,
    mirror: { ...base.mirror, ...patch.mirror },
    notifications: { ...base.notifications, ...patch.notifications },
    desktop: { ...base.desktop, ...patch.desktop },
    persist: { ...base.persist, ...patch.persist },
    publish: { ...base.publish, ...patch.publish }
  } as Settings
}
