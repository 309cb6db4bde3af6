// The contract over the headless mirror: one fetch per call, one `/events` stream for every push.
// Importable in Node (global fetch; a fetch-based SSE reader when there is no EventSource).

import { API_ERROR_CODES } from '../../../shared/api-error-codes'
import {
  API_CALLS,
  API_EVENTS,
  ApiError,
  CALL_NAMES,
  EVENT_NAMES,
  type ApiCalls,
  type ApiErrorCode,
  type CallName,
  type EventName,
  type Listener,
  type Unsubscribe
} from '../../../shared/contract'
import { isRecord } from '../../../shared/guards'
import { defaultEventStreamFactory, STREAM_CLOSED, type EventStreamFactory, type EventStreamLike } from './event-stream'
import type { MonitorApi, TransportState } from './types'

export interface HttpApiOptions {
  /** How to open `/events`; default: the browser's EventSource, or a fetch-based reader in Node. */
  eventStream?: EventStreamFactory
  /** Per-call time limit. */
  timeoutMs?: number
  /** Wait before reopening a stream the server closed for good (EventSource stops retrying then). */
  reopenMs?: number
}

function codeFor(status: number, code: unknown): ApiErrorCode {
  if (typeof code === 'string' && (API_ERROR_CODES as readonly string[]).includes(code)) return code as ApiErrorCode
  if (status === 400 || status === 413 || status === 415) return 'bad_request'
  if (status === 401 || status === 403) return 'forbidden'
  if (status === 404) return 'not_found'
  if (status === 503) return 'unavailable'
  return 'internal'
}

/** `{name}` in the path comes from the request; what is left goes in the query (GET) or the body (POST). */
export function buildRequest(
  name: CallName,
  req: unknown
): { method: 'GET' | 'POST'; path: string; body: string | undefined } {
  const spec = API_CALLS[name]
  const rest: Record<string, unknown> = isRecord(req) ? { ...req } : {}
  const path = spec.http.path.replace(/\{(\w+)\}/g, (_m, key: string) => {
    const value = rest[key]
    delete rest[key]
    if (value === undefined || value === null) throw new ApiError('bad_request', `${name}: missing ${key}`)
    return encodeURIComponent(String(value))
  })
  if (spec.http.method === 'POST') return { method: 'POST', path, body: JSON.stringify(rest) }
  const query = new URLSearchParams()
  for (const [key, value] of Object.entries(rest)) if (value !== undefined) query.set(key, String(value))
  const qs = query.toString()
  return { method: 'GET', path: qs ? `${path}?${qs}` : path, body: undefined }
}

export function createHttpApi(baseUrl: string, token: string, options: HttpApiOptions = {}): MonitorApi {
  const base = baseUrl.replace(/\/+$/, '')
  const timeoutMs = options.timeoutMs ?? 10_000
  const reopenMs = options.reopenMs ?? 2_000
  const openStream = options.eventStream ?? defaultEventStreamFactory()

  async function call(name: CallName, req: unknown): Promise<unknown> {
    const { method, path, body } = buildRequest(name, req)
    const headers: Record<string, string> = { accept: 'application/json' }
    if (body !== undefined) headers['content-type'] = 'application/json'
    if (API_CALLS[name].mutates) headers['x-mdm-token'] = token
    let res: Response
    try {
      res = await fetch(base + path, { method, headers, body, signal: AbortSignal.timeout(timeoutMs) })
    } catch (err) {
      const why =
        err instanceof Error && err.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : 'unreachable'
      throw new ApiError('unavailable', `the engine at ${base} is ${why}`)
    }
    const text = await res.text()
    let json: unknown = undefined
    try {
      json = text === '' ? undefined : JSON.parse(text)
    } catch {
      // a non-JSON answer is reported below with its status
    }
    if (!res.ok) {
      const obj = isRecord(json) ? json : {}
      const message = typeof obj.message === 'string' ? obj.message : `${method} ${path} failed: HTTP ${res.status}`
      throw new ApiError(codeFor(res.status, obj.error), message)
    }
    return json
  }

  // ---- events: one stream shared by every subscription, opened on first use, closed after the last
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>()
  const transportListeners = new Set<(s: TransportState) => void>()
  const droppedListeners = new Set<(count: number) => void>()
  let transport: TransportState = 'connecting'
  let stream: EventStreamLike | null = null
  let reopenTimer: ReturnType<typeof setTimeout> | null = null

  function setTransport(next: TransportState): void {
    if (next === transport) return
    transport = next
    for (const l of transportListeners) l(next)
  }

  function wanted(): boolean {
    let n = transportListeners.size + droppedListeners.size
    for (const set of listeners.values()) n += set.size
    return n > 0
  }

  function open(): void {
    if (stream || reopenTimer) return
    const s = openStream(`${base}/events`)
    stream = s
    s.onopen = () => setTransport('open')
    s.onerror = () => {
      if (s.readyState !== STREAM_CLOSED) {
        setTransport('reconnecting')
        return
      }
      // the server refused or ended the stream for good: EventSource will not retry, so we do
      setTransport('down')
      s.close()
      if (stream === s) stream = null
      reopenTimer = setTimeout(() => {
        reopenTimer = null
        if (wanted()) open()
      }, reopenMs)
    }
    for (const event of EVENT_NAMES) {
      const deliver = (ev: MessageEvent<string>): void => {
        let payload: unknown
        try {
          payload = JSON.parse(ev.data)
        } catch {
          return
        }
        for (const l of listeners.get(event) ?? []) l(payload)
      }
      // the mirror may name events by the contract's short name or by its channel name
      s.addEventListener(event, deliver)
      s.addEventListener(API_EVENTS[event], deliver)
    }
    // the mirror's notice that it skipped events for us while we were behind: `{ "dropped": n }`
    s.addEventListener('dropped', (ev) => {
      let count: unknown
      try {
        count = (JSON.parse(ev.data) as { dropped?: unknown }).dropped
      } catch {
        return
      }
      if (typeof count !== 'number' || !Number.isFinite(count) || count <= 0) return
      for (const l of droppedListeners) l(count)
    })
  }

  function closeIfUnused(): void {
    if (wanted()) return
    stream?.close()
    stream = null
    if (reopenTimer) clearTimeout(reopenTimer)
    reopenTimer = null
    setTransport('connecting')
  }

  const calls = Object.fromEntries(CALL_NAMES.map((name) => [name, (req?: unknown) => call(name, req)])) as ApiCalls

  return {
    ...calls,
    transport: 'browser',
    endpoint: base,
    subscribe<E extends EventName>(event: E, listener: Listener<E>): Unsubscribe {
      let set = listeners.get(event)
      if (!set) listeners.set(event, (set = new Set()))
      const l = listener as (payload: unknown) => void
      set.add(l)
      open()
      return () => {
        set.delete(l)
        closeIfUnused()
      }
    },
    watchDropped(listener: (count: number) => void): Unsubscribe {
      droppedListeners.add(listener)
      open()
      return () => {
        droppedListeners.delete(listener)
        closeIfUnused()
      }
    },
    watchTransport(listener: (state: TransportState) => void): Unsubscribe {
      transportListeners.add(listener)
      listener(transport)
      open()
      return () => {
        transportListeners.delete(listener)
        closeIfUnused()
      }
    }
  }
}
