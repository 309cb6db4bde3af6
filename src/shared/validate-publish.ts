// Forwarding to NATS JetStream (`publish` in settings, `--publish` and its companions on the command
// line): one check of its URLs and stream name for both, and how a URL is shown without its password.

import type { PublishSettings } from './settings'
import { isRecord } from './guards'
import type { Parsed } from './validate'

// Not imported from validate.ts, which imports this file.
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value })
const fail = <T = never>(error: string): Parsed<T> => ({ ok: false, error })

/**
 * `nats://user:pass@host:4222` → `nats://user:***@host:4222`, and a token (`nats://TOKEN@host`) →
 * `nats://***@host`: what a screen, a log or `GET /settings` shows.
 */
export function maskPublishUrl(url: string): string {
  return url.replace(/\/\/([^@/]*)@/, (_m, info: string) => {
    const colon = info.indexOf(':')
    return colon < 0 ? '//***@' : `//${info.slice(0, colon)}:***@`
  })
}

/** A patch's URLs with each one shown masked (and sent back untouched) replaced by the saved URL it stands for. */
export function unmaskPublishUrls(typed: readonly string[], saved: readonly string[]): string[] {
  const byMasked = new Map(saved.map((u) => [maskPublishUrl(u), u]))
  return typed.map((u) => byMasked.get(u) ?? u)
}

/** nats://HOST:PORT or tls://HOST:PORT, each once; credentials may ride in the URL. */
export function parsePublishUrls(items: readonly string[]): Parsed<string[]> {
  for (const s of items) {
    let u: URL
    try {
      u = new URL(s)
    } catch {
      return fail(`not a URL: ${JSON.stringify(maskPublishUrl(s).slice(0, 100))}`)
    }
    if (u.protocol !== 'nats:' && u.protocol !== 'tls:')
      return fail(`must be nats://HOST:PORT or tls://HOST:PORT (got ${u.protocol}//)`)
    if (u.hostname === '') return fail('needs a host: nats://HOST:PORT')
  }
  return ok([...new Set(items)])
}

export function parseStreamName(raw: unknown): Parsed<string> {
  return typeof raw === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(raw)
    ? ok(raw)
    : fail('a stream name is 1–64 letters, digits, - or _')
}

const PUBLISH_KEYS = ['urls', 'stream', 'noCreate', 'credsFile', 'tlsCaFile'] as const

function filePath(raw: unknown, name: string): Parsed<string | null> {
  if (raw === null || raw === '') return ok(null)
  return typeof raw === 'string' ? ok(raw.trim() === '' ? null : raw.trim()) : fail(`${name} must be a path or null`)
}

export function parsePublishSettings(raw: unknown): Parsed<Partial<PublishSettings>> {
  if (!isRecord(raw)) return fail('publish must be an object')
  for (const key of Object.keys(raw)) {
    if (!(PUBLISH_KEYS as readonly string[]).includes(key)) return fail(`unknown setting "publish.${key}"`)
  }
  const p: Partial<PublishSettings> = {}
  if (raw.urls !== undefined) {
    if (!Array.isArray(raw.urls) || raw.urls.some((u) => typeof u !== 'string'))
      return fail('publish.urls must be a list of nats://HOST:PORT')
    const r = parsePublishUrls((raw.urls as string[]).map((u) => u.trim()).filter((u) => u !== ''))
    if (!r.ok) return fail(`publish.urls: ${r.error}`)
    p.urls = r.value
  }
  if (raw.stream !== undefined) {
    const r = parseStreamName(raw.stream)
    if (!r.ok) return fail(`publish.stream: ${r.error}`)
    p.stream = r.value
  }
  if (raw.noCreate !== undefined) {
    if (typeof raw.noCreate !== 'boolean') return fail('publish.noCreate must be true or false')
    p.noCreate = raw.noCreate
  }
  for (const key of ['credsFile', 'tlsCaFile'] as const) {
    if (raw[key] === undefined) continue
    const r = filePath(raw[key], `publish.${key}`)
    if (!r.ok) return r
    p[key] = r.value
  }
  return ok(p)
}
