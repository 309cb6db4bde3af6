// Upgrade, subscribe and ping on one short-lived WebSocket, the way the collector does it, with the
// exchange's replies kept verbatim for the report.

import type { Agent, IncomingMessage } from 'node:http'
import WebSocket from 'ws'
import { urlHostIdentity } from '../net/tunnel-identity'
import { TRADE_TOPIC_PREFIX } from '../../../shared/bybit-protocol'
import type { DiagnosticStep } from '../../../shared/dto'
import { isRecord } from '../../../shared/guards'
import { defaultRestUrl } from '../../../shared/settings'
import { errorText, failed, passed, since } from './step'

const MAX_REPLY_CHARS = 500

/** Bybit's instrument lookup for the stream's category (the URL's last segment) on its network. */
function instrumentsUrl(wsUrl: string, symbol: string): string {
  const u = new URL(wsUrl)
  const category = u.pathname.split('/').pop() || 'spot'
  const rest = defaultRestUrl(u.hostname.includes('testnet'))
  return `${rest}/v5/market/instruments-info?category=${encodeURIComponent(category)}&symbol=${encodeURIComponent(symbol)}`
}

function textOf(data: WebSocket.RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8')
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8')
  return Buffer.from(data).toString('utf8')
}

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(text)
    return isRecord(v) ? v : null
  } catch {
    return null
  }
}

export class WebSocketProbe {
  private ws: WebSocket | null = null
  private closed: Promise<void> = Promise.resolve()

  constructor(
    private readonly url: string,
    private readonly timeoutMs: number,
    /** The proxy tunnel's agent, as the collector's socket uses; absent: direct. */
    private readonly agent?: Agent
  ) {}

  upgrade(): Promise<DiagnosticStep> {
    const start = performance.now()
    return new Promise((resolve) => {
      const ws = new WebSocket(this.url, {
        ...(this.agent ? { agent: this.agent, checkServerIdentity: urlHostIdentity(this.url) } : {}),
        handshakeTimeout: this.timeoutMs,
        perMessageDeflate: false,
        followRedirects: false,
        maxPayload: 1024 * 1024
      })
      this.ws = ws
      this.closed = new Promise((done) => ws.once('close', () => done()))
      let settled = false
      // handshakeTimeout starts only once a proxy has answered CONNECT: this deadline covers a silent one.
      const deadline = setTimeout(() => {
        settle(
          failed('websocket', since(start), `no upgrade within ${this.timeoutMs} ms`, [
            'A proxy or firewall holds the connection without answering: check the Proxy step and the network.'
          ])
        )
        ws.terminate()
      }, this.timeoutMs)
      const settle = (step: DiagnosticStep): void => {
        clearTimeout(deadline)
        if (settled) return
        settled = true
        resolve(step)
      }
      ws.once('unexpected-response', (_req, res: IncomingMessage) => {
        const status = res.statusCode ?? 0
        res.resume()
        settle(
          failed(
            'websocket',
            since(start),
            `the server answered HTTP ${status} ${res.statusMessage ?? ''} instead of 101 Switching Protocols`.trim(),
            [
              status === 404
                ? 'Wrong path: Bybit public streams are /v5/public/spot, /v5/public/linear, /v5/public/inverse.'
                : status === 403
                  ? 'Forbidden: the exchange blocks this IP or region; try the testnet or another network.'
                  : status === 503 || status === 502
                    ? 'The server is overloaded or in maintenance: wait and retry (the collector backs off on its own).'
                    : 'Something between you and the exchange (proxy, captive portal) answered instead of it.',
              'Compare with the exchange status page and retry in a minute.'
            ],
            { http_status: status }
          )
        )
        ws.terminate()
      })
      ws.once('open', () =>
        settle(passed('websocket', since(start), 'upgraded: 101 Switching Protocols', { url: this.url }))
      )
      ws.on('error', (e) =>
        settle(
          failed('websocket', since(start), `WebSocket upgrade failed: ${errorText(e)}`, [
            'Run the collector with the same URL and read the log; check the URL path.'
          ])
        )
      )
    })
  }

  /** Waits for the first frame that `match` accepts, or the deadline. */
  private next(
    match: (o: Record<string, unknown>) => boolean
  ): Promise<{ text: string; obj: Record<string, unknown> } | null> {
    const ws = this.ws
    if (!ws) return Promise.resolve(null)
    return new Promise((resolve) => {
      const onMessage = (data: WebSocket.RawData): void => {
        const text = textOf(data)
        const obj = parseObject(text)
        if (obj && match(obj)) done({ text, obj })
      }
      const done = (v: { text: string; obj: Record<string, unknown> } | null): void => {
        clearTimeout(timer)
        ws.off('message', onMessage)
        ws.off('close', onClose)
        resolve(v)
      }
      const onClose = (): void => done(null)
      const timer = setTimeout(() => done(null), this.timeoutMs)
      ws.on('message', onMessage)
      ws.once('close', onClose)
    })
  }

  async subscribe(symbol: string): Promise<DiagnosticStep> {
    const topic = TRADE_TOPIC_PREFIX + symbol
    const start = performance.now()
    const reply = this.next((o) => o.op === 'subscribe')
    this.ws?.send(JSON.stringify({ op: 'subscribe', req_id: 'mdm-diagnostics-sub', args: [topic] }))
    const r = await reply
    if (r === null)
      return failed(
        'subscribe',
        since(start),
        `no subscribe reply for ${topic} within ${this.timeoutMs} ms`,
        [
          'The exchange accepted the connection but does not answer: retry; if it persists, the endpoint is not a Bybit V5 public stream.'
        ],
        { topic }
      )
    const verbatim = r.text.slice(0, MAX_REPLY_CHARS)
    if (r.obj.success !== true)
      return failed(
        'subscribe',
        since(start),
        `the exchange refused ${topic}: ${String(r.obj.ret_msg ?? '')}`,
        [
          `Check the symbol (${symbol}) exists in this category: \`curl -s "${instrumentsUrl(this.url, symbol)}"\``,
          'Fix the symbols or category in Settings, then reconnect.'
        ],
        { topic, reply: verbatim }
      )
    return passed('subscribe', since(start), `${topic} confirmed`, { topic, reply: verbatim })
  }

  async ping(): Promise<DiagnosticStep> {
    const start = performance.now()
    const reply = this.next((o) => o.op === 'ping' || o.op === 'pong' || o.ret_msg === 'pong')
    this.ws?.send(JSON.stringify({ op: 'ping', req_id: 'mdm-diagnostics-ping' }))
    const r = await reply
    if (r === null)
      return failed('ping', since(start), `no pong within ${this.timeoutMs} ms`, [
        'The connection opens but the exchange does not answer pings: the collector would declare it dead and reconnect. Retry, and check for a proxy that buffers WebSocket frames.'
      ])
    const rtt = since(start)
    return passed('ping', rtt, 'pong received', { rtt_ms: rtt, reply: r.text.slice(0, MAX_REPLY_CHARS) })
  }

  async close(): Promise<void> {
    const ws = this.ws
    this.ws = null
    if (!ws) return
    if (ws.readyState === WebSocket.OPEN) ws.close(1000, 'diagnostics done')
    const grace = setTimeout(() => ws.terminate(), 500)
    if (ws.readyState === WebSocket.CONNECTING || ws.readyState === WebSocket.CLOSED) ws.terminate()
    await this.closed
    clearTimeout(grace)
  }
}
