// The Bybit REST client the backfill uses: fetch with a deadline (undici's, through a ProxyAgent,
// when a proxy applies), https only (plain http on loopback), redirects never followed, a client-side token bucket far below Bybit's IP limit,
// and a pause after 429/403 (Retry-After honoured; "403 access too frequent" means wait 10 min).

import { fetch as undiciFetch, ProxyAgent } from 'undici'
import { errorMessage } from '../../../shared/guards'
import type { Category } from '../../../shared/dto'
import { parseEndpointUrl } from '../../../shared/validate'
import { RECENT_TRADE_LIMIT, RECENT_TRADE_PATH } from '../../../shared/bybit-protocol'
import { probeProxyConnect } from '../net/proxy-probe'
import {
  proxyReplyError,
  proxyRouteFor,
  proxyUnreachable,
  ProxyError,
  tunnelTarget,
  type ProxyRoute
} from '../net/proxy-route'
import {
  INSTRUMENTS_INFO_MAX_LIMIT,
  INSTRUMENTS_INFO_PATH,
  parseInstrumentsPage,
  type InstrumentsPage
} from './instruments-info'
import { parseRecentTrades, type RecentTrades } from './recent-trade'
import { TokenBucket } from './token-bucket'

export interface RestClientOptions {
  baseUrl: string
  /** Whole request (headers and body) deadline. */
  timeoutMs?: number
  /** Requests per second allowed on average, and the burst; default 20/s with a burst of 20 (Bybit: 600 per 5 s). */
  requestsPerSecond?: number
  burst?: number
  /** Pause after a 429 without Retry-After. */
  pauseAfter429Ms?: number
  /** Pause after a 403 (Bybit's IP ban for "access too frequent" lasts 10 minutes). */
  pauseAfter403Ms?: number
  /** A token is waited for at most this long; longer waits fail the request as rate limited. */
  maxQueueWaitMs?: number
  /** The proxy setting: '' the environment's (HTTPS_PROXY…), `none`, or a proxy URL. */
  proxy?: string
  now?: () => number
}

/** Larger bodies are refused: 1000 trades are about 200 KB, 1000 instruments about 1.5 MB. */
const MAX_BODY_BYTES = 4 * 1024 * 1024

export type RestFailureCode =
  | 'bad_url'
  | 'rate_limited'
  | 'http_error'
  | 'redirect'
  | 'timeout'
  | 'network'
  | 'bad_body'
  | 'exchange_error'
  | 'closed'
  | ProxyError['code']

export type RestAnswer<T> = { ok: true; value: T } | { ok: false; code: RestFailureCode; error: string }
export type RestResult = RestAnswer<RecentTrades>

export class BybitRestClient {
  private readonly base: string | null
  private readonly badUrl: string | null
  private readonly proxy: { route: ProxyRoute; agent: ProxyAgent } | null = null
  private readonly badProxy: ProxyError | null = null
  private readonly bucket: TokenBucket
  private readonly now: () => number
  private readonly inflight = new Set<AbortController>()
  private readonly waits = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>()
  private pausedUntil = 0
  private pauseReason: string | null = null
  private closed = false
  requests = 0
  failures = 0

  constructor(private readonly opts: RestClientOptions) {
    this.now = opts.now ?? Date.now
    const parsed = parseEndpointUrl(opts.baseUrl, 'rest')
    this.base = parsed.ok ? parsed.value.replace(/\/$/, '') : null
    this.badUrl = parsed.ok ? null : parsed.error
    let route: ProxyRoute | null = null
    try {
      route = this.base === null ? null : proxyRouteFor(this.base, opts.proxy ?? '').route
    } catch (e) {
      this.badProxy = e instanceof ProxyError ? e : new ProxyError('bad_proxy', errorMessage(e))
    }
    if (route) this.proxy = { route, agent: new ProxyAgent(route.url) }
    const rate = opts.requestsPerSecond ?? 20
    this.bucket = new TokenBucket(opts.burst ?? rate, rate, this.now)
  }

  /** Until when requests are refused after a 429/403, or null. */
  get pause(): { until: number; reason: string } | null {
    return this.pausedUntil > this.now() ? { until: this.pausedUntil, reason: this.pauseReason ?? '' } : null
  }

  /** The latest trades of one symbol, newest first, at most Bybit's limit for the category. */
  recentTrades(category: Category, symbol: string, limit = RECENT_TRADE_LIMIT[category]): Promise<RestResult> {
    const n = Math.max(1, Math.min(RECENT_TRADE_LIMIT[category], Math.floor(limit)))
    const query = `${RECENT_TRADE_PATH}?category=${category}&symbol=${encodeURIComponent(symbol)}&limit=${n}`
    return this.get(query, (body) => parseRecentTrades(body, category, symbol, this.now()))
  }

  /** One page of instruments-info (`limit` at most 1000; `cursor` from the previous page's nextPageCursor). */
  instrumentsPage(category: Category, limit: number, cursor: string | null): Promise<RestAnswer<InstrumentsPage>> {
    const n = Math.max(1, Math.min(INSTRUMENTS_INFO_MAX_LIMIT, Math.floor(limit)))
    const after = cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
    return this.get(`${INSTRUMENTS_INFO_PATH}?category=${category}&limit=${n}${after}`, parseInstrumentsPage)
  }

  /** GET `pathAndQuery` under the base URL: token bucket, deadline, no redirects, pauses on 429/403, a capped JSON body. */
  private async get<T>(
    pathAndQuery: string,
    parse: (body: unknown) => { ok: true; value: T } | { ok: false; error: string; retCode: number | null }
  ): Promise<RestAnswer<T>> {
    if (this.closed) return { ok: false, code: 'closed', error: 'REST client closed' }
    if (this.base === null) return this.fail('bad_url', this.badUrl ?? 'bad REST URL')
    if (this.badProxy) return this.fail(this.badProxy.code, this.badProxy.message)
    const pause = this.pause
    if (pause) return this.fail('rate_limited', `${pause.reason}; paused until ${new Date(pause.until).toISOString()}`)
    // Wait for a token (callers queue up); give up past maxQueueWaitMs.
    const giveUpAt = this.now() + (this.opts.maxQueueWaitMs ?? 5_000)
    for (let wait = this.bucket.take(); wait > 0; wait = this.bucket.take()) {
      if (this.now() + wait > giveUpAt) return this.fail('rate_limited', 'client-side request budget spent')
      await this.sleep(wait)
      if (this.closed) return { ok: false, code: 'closed', error: 'REST client closed' }
    }
    const url = `${this.base}${pathAndQuery}`
    const abort = new AbortController()
    this.inflight.add(abort)
    const timer = setTimeout(() => abort.abort(), this.opts.timeoutMs ?? 10_000)
    this.requests++
    try {
      const init = { signal: abort.signal, redirect: 'manual', headers: { accept: 'application/json' } } as const
      const res = this.proxy
        ? ((await undiciFetch(url, { ...init, dispatcher: this.proxy.agent })) as unknown as Response)
        : await fetch(url, init)
      if (res.status >= 300 && res.status < 400) {
        await res.body?.cancel()
        return this.fail(
          'redirect',
          `HTTP ${res.status} redirect to ${res.headers.get('location') ?? '?'} not followed`
        )
      }
      if (res.status === 429 || res.status === 403) {
        await res.body?.cancel()
        this.pauseFor(res.status, res.headers.get('retry-after'))
        return this.fail('rate_limited', `HTTP ${res.status}: ${this.pauseReason}`)
      }
      if (!res.ok) {
        await res.body?.cancel()
        return this.fail('http_error', `HTTP ${res.status}`)
      }
      const text = await readCapped(res, MAX_BODY_BYTES)
      if (text === null) return this.fail('bad_body', `response larger than ${MAX_BODY_BYTES} bytes`)
      let body: unknown
      try {
        body = JSON.parse(text)
      } catch {
        return this.fail('bad_body', 'response is not JSON')
      }
      const parsed = parse(body)
      if (!parsed.ok) {
        // Bybit's retCode 10006 / 10018 are its rate-limit answers inside a 200.
        if (parsed.retCode === 10006 || parsed.retCode === 10018) this.pauseFor(429, null)
        return this.fail('exchange_error', parsed.error)
      }
      return parsed
    } catch (e) {
      if (this.closed) return { ok: false, code: 'closed', error: 'REST client closed' }
      if (abort.signal.aborted) return this.fail('timeout', `no answer within ${this.opts.timeoutMs ?? 10_000} ms`)
      const cause = (e as { cause?: { code?: string; message?: string } }).cause
      const reason = cause?.code ?? cause?.message ?? (e as Error).message
      if (this.proxy) {
        const failure = await proxyFailure(this.proxy.route, url)
        if (this.closed) return { ok: false, code: 'closed', error: 'REST client closed' }
        if (failure) return this.fail(failure.code, failure.message)
      }
      return this.fail('network', reason)
    } finally {
      clearTimeout(timer)
      this.inflight.delete(abort)
    }
  }

  /** Aborts requests in flight and waits; later calls fail with `closed`. */
  close(): void {
    this.closed = true
    this.proxy?.agent.close().catch(() => undefined)
    for (const a of this.inflight) a.abort()
    for (const w of this.waits) {
      clearTimeout(w.timer)
      w.resolve()
    }
    this.waits.clear()
  }

  private pauseFor(status: number, retryAfter: string | null): void {
    const seconds = retryAfter !== null && /^\d{1,6}$/.test(retryAfter.trim()) ? Number(retryAfter.trim()) : null
    const fallback = status === 403 ? (this.opts.pauseAfter403Ms ?? 10 * 60_000) : (this.opts.pauseAfter429Ms ?? 60_000)
    const ms = seconds !== null ? Math.max(seconds * 1000, 1000) : fallback
    this.pausedUntil = this.now() + ms
    this.pauseReason =
      status === 403 ? 'HTTP 403 (access too frequent): REST paused' : `HTTP 429 (too many requests): REST paused`
  }

  private fail(code: RestFailureCode, error: string): { ok: false; code: RestFailureCode; error: string } {
    this.failures++
    return { ok: false, code, error }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const w = {
        timer: setTimeout(() => {
          this.waits.delete(w)
          resolve()
        }, ms),
        resolve
      }
      this.waits.add(w)
    })
  }
}

/**
 * undici's fetch hides the proxy's answer (a refused CONNECT becomes "Request was cancelled"), so
 * one CONNECT probe asks the proxy again. null: the proxy tunnels fine; the failure is further on.
 */
async function proxyFailure(route: ProxyRoute, url: string): Promise<ProxyError | null> {
  const target = tunnelTarget(url)
  const probe = await probeProxyConnect(route, target, 5_000)
  if (!probe.reached) return proxyUnreachable(route, probe.error)
  return proxyReplyError(route, target, probe.status, probe.statusText)
}

async function readCapped(res: Response, max: number): Promise<string | null> {
  const reader = res.body?.getReader()
  if (!reader) return ''
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > max) {
      await reader.cancel()
      return null
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString('utf8')
}
