// The durable tier's settings (`persist`) and the data-dir recording switch, validated like every
// other settings change (validate.ts calls these).

import { SETTINGS_LIMITS, type PersistSettings } from './settings'
import { isRecord } from './guards'
import type { Parsed } from './validate'

// Not imported from validate.ts, which imports this file.
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value })
const fail = <T = never>(error: string): Parsed<T> => ({ ok: false, error })

const PERSIST_KEYS = ['enabled', 'retentionDays', 'retentionGb'] as const

/** A number of gigabytes in the limits (fractions allowed: 0.5 is 512 MB). */
export function parseRetentionGb(raw: unknown, name = 'retentionGb'): Parsed<number> {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN
  const { minRetentionGb: min, maxRetentionGb: max } = SETTINGS_LIMITS
  return Number.isFinite(n) && n >= min && n <= max ? ok(n) : fail(`${name} must be a number between ${min} and ${max}`)
}

export function parseRetentionDays(raw: unknown, name = 'retentionDays'): Parsed<number> {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw) : NaN
  const { minRetentionDays: min, maxRetentionDays: max } = SETTINGS_LIMITS
  return Number.isSafeInteger(n) && n >= min && n <= max
    ? ok(n)
    : fail(`${name} must be an integer between ${min} and ${max}`)
}

export function parsePersistSettings(raw: unknown): Parsed<Partial<PersistSettings>> {
  if (!isRecord(raw)) return fail('persist must be an object')
  for (const key of Object.keys(raw)) {
    if (!(PERSIST_KEYS as readonly string[]).includes(key)) return fail(`unknown setting "persist.${key}"`)
  }
  const p: Partial<PersistSettings> = {}
  if (raw.enabled !== undefined) {
    if (typeof raw.enabled !== 'boolean') return fail('persist.enabled must be true or false')
    p.enabled = raw.enabled
  }
  if (raw.retentionDays !== undefined) {
    const r = parseRetentionDays(raw.retentionDays, 'persist.retentionDays')
    if (!r.ok) return r
    p.retentionDays = r.value
  }
  if (raw.retentionGb !== undefined) {
    const r = parseRetentionGb(raw.retentionGb, 'persist.retentionGb')
    if (!r.ok) return r
    p.retentionGb = r.value
  }
  return ok(p)
}

export function parseRecordFrames(raw: unknown): Parsed<boolean> {
  return typeof raw === 'boolean' ? ok(raw) : fail('recordFrames must be true or false')
}
