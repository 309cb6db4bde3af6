import { EventEmitter } from 'node:events'
import { HttpsProxyAgent } from 'https-proxy-agent'
import WebSocket from 'ws'
import type { CloseInfo, ErrorInfo } from '../../../shared/dto'
import { socketErrorCode, type ConnectionErrorCode } from '../../../shared/error-codes'
import type { TaskHandle } from '../engine-facade'
import { urlHostIdentity } from '../net/tunnel-identity'
import { proxyReplyError, proxyUnreachable, tunnelTarget, type ProxyRoute } from '../net/proxy-route'
import { Heartbeat } from './heartbeat'
import { judgeRefusal, retryAfterMs, type RefusedUpgrade } from './refused-upgrade'

const MAX_PAYLOAD = 1024 * 1024
const MAX_FRAGMENTS = 1024

export interface SessionError extends ErrorInfo {
  code: ConnectionErrorCode
  /** The next attempt waits at least this long (Retry-After, a refused upgrade); null: normal backoff. */
  minNextDelayMs: number | null
}

export interface SessionEvents {
  open: [at: number]
  /** `bytes`: the frame as received, when the socket had it as one buffer (the raw-frame ring copies it). */
  frame: [text: string, receivedAt: number, bytes: Uint8Array | null]
  /** No pong in time: the owner decides what the loss means, then terminates. */
  'pong-timeout': [timeoutMs: number]
  /** At most once per connection, always followed by `close`. */
  error: [error: SessionError]
  /** Exactly once per connection. */
  close: [close: CloseInfo]
}

/**
 * What a collector needs of one exchange connection. A collector may run several side by side
 * (topics sharded across connections); each reports through its own events.
 */
export interface Session {
  readonly isOpen: boolean
  /** When the handshake completed; null before. */
  readonly openedAt: number | null
  /** Last frame of any kind (a pong counts); the open time before the first. */
  readonly lastFrameAt: number
  /** Sends one JSON message; false when the connection is not open. */
  send(message: object): boolean
  /** `force` replaces an outstanding ping's deadline (after resume: a short one). */
  ping(timeoutMs: number, force: boolean): void
  pong(): void
  terminate(): void
  /** Closes politely, terminates after `graceMs`, resolves once `close` was emitted. */
  close(graceMs: number, reason: string): Promise<void>
  on<K extends keyof SessionEvents>(event: K, listener: (...args: SessionEvents[K]) => void): unknown
}

export interface SessionOptions {
  url: string
  handshakeTimeoutMs: number
  pingIntervalMs: number
  pongTimeoutMs: number
  /** Upgrade refused with 429/403/401 and no Retry-After: the next attempt waits at least this long. */
  rejectedUpgradeMinMs: number
  /** Ping `req_id`s come from the owner so they stay unique across its connections. */
  pingId: () => string
  heartbeatTask?: TaskHandle | null
  /** Tunnel through this HTTP CONNECT proxy; null or absent: connect directly. */
  proxy?: ProxyRoute | null
}

function rawText(data: WebSocket.RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8')
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8')
  return Buffer.from(data).toString('utf8')
}

/**
 * One WebSocket connection to Bybit V5 public, with its application-level heartbeat. Like `ws`: a bad
 * URL throws at once from the constructor; a network failure arrives later as one `error` then `close`.
 */
export class SocketSession extends EventEmitter<SessionEvents> implements Session {
  openedAt: number | null = null
  lastFrameAt = 0
  private readonly ws: WebSocket
  private readonly heartbeat: Heartbeat
  private readonly closed: Promise<void>
  private refused: RefusedUpgrade | null = null
  /** The proxy's answer to CONNECT (status line), once it came. */
  private proxyReply: { status: number; text: string } | null = null
  /** A proxy that accepts the TCP connection but never answers CONNECT would hold the handshake forever. */
  private tunnelDeadline: NodeJS.Timeout | null = null
  private tunnelStalled = false
  private errored = false

  constructor(private readonly o: SessionOptions) {
    super()
    this.heartbeat = new Heartbeat({
      intervalMs: o.pingIntervalMs,
      pongTimeoutMs: o.pongTimeoutMs,
      sendPing: () => this.sendPing(),
      onPongTimeout: (timeoutMs) => this.emit('pong-timeout', timeoutMs)
    })
    const ws = new WebSocket(o.url, {
      // Through a tunnel, https-proxy-agent checks an IP host's certificate against "localhost": check the URL's host.
      // (Only then: an explicit undefined checkServerIdentity breaks Node's own check.)
      ...(o.proxy ? { agent: this.proxyAgent(o.proxy), checkServerIdentity: urlHostIdentity(o.url) } : {}),
      handshakeTimeout: o.handshakeTimeoutMs,
      maxPayload: MAX_PAYLOAD,
      perMessageDeflate: false,
      followRedirects: false,
      // A message in many tiny fragments is a memory DoS; Bybit sends whole messages.
      maxFragments: MAX_FRAGMENTS
    })
    this.ws = ws
    // ws's handshakeTimeout starts only once the agent hands over a socket, i.e. after the proxy answered.
    if (o.proxy) this.tunnelDeadline = setTimeout(() => this.tunnelTimedOut(), o.handshakeTimeoutMs)
    let closed: () => void = () => {}
    this.closed = new Promise<void>((resolve) => (closed = resolve))
    ws.on('open', () => {
      const now = Date.now()
      this.openedAt = now
      this.lastFrameAt = now
      this.heartbeat.start()
      this.o.heartbeatTask?.set('running')
      this.emit('open', now)
    })
    ws.on('message', (data) => {
      const now = Date.now()
      this.lastFrameAt = now
      this.emit('frame', rawText(data), now, Buffer.isBuffer(data) ? data : null)
    })
    ws.on('unexpected-response', (_req, res) => {
      // Handled here (not as ws's generic error) to read Retry-After and Location; never followed.
      this.refused = {
        status: res.statusCode ?? 0,
        retryAfterMs: retryAfterMs(res.headers['retry-after'], Date.now()),
        location: typeof res.headers.location === 'string' ? res.headers.location : null
      }
      res.resume()
      ws.terminate()
    })
    ws.on('error', (err) => {
      if (this.errored) return
      this.errored = true
      this.emit('error', this.describe(err))
    })
    ws.on('close', (code, reason) => {
      this.clearTunnelDeadline()
      this.stopHeartbeat()
      closed()
      this.emit('close', { code, reason: reason.toString('utf8'), at: Date.now() })
    })
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN
  }

  send(message: object): boolean {
    if (!this.isOpen) return false
    this.ws.send(JSON.stringify(message))
    return true
  }

  ping(timeoutMs: number, force: boolean): void {
    this.heartbeat.ping(timeoutMs, force)
  }

  pong(): void {
    this.heartbeat.pong()
    this.o.heartbeatTask?.touch()
  }

  terminate(): void {
    this.ws.terminate()
  }

  async close(graceMs: number, reason: string): Promise<void> {
    this.stopHeartbeat()
    if (this.isOpen) this.ws.close(1000, reason)
    else this.ws.terminate()
    let grace: NodeJS.Timeout | null = null
    await Promise.race([this.closed, new Promise<void>((resolve) => (grace = setTimeout(resolve, graceMs)))])
    if (grace) clearTimeout(grace)
    this.ws.terminate()
    await this.closed
  }

  private sendPing(): boolean {
    if (!this.isOpen) return false
    this.send({ op: 'ping', req_id: this.o.pingId() })
    this.o.heartbeatTask?.touch()
    return true
  }

  private proxyAgent(route: ProxyRoute): HttpsProxyAgent<string> {
    const agent = new HttpsProxyAgent(route.url)
    agent.on('proxyConnect', (reply: { statusCode: number; statusText: string }) => {
      this.proxyReply = { status: reply.statusCode, text: reply.statusText }
      this.clearTunnelDeadline()
    })
    return agent
  }

  private tunnelTimedOut(): void {
    this.tunnelDeadline = null
    if (this.proxyReply !== null) return
    this.tunnelStalled = true
    this.ws.terminate()
  }

  private clearTunnelDeadline(): void {
    if (this.tunnelDeadline) clearTimeout(this.tunnelDeadline)
    this.tunnelDeadline = null
  }

  private stopHeartbeat(): void {
    this.heartbeat.stop()
    this.o.heartbeatTask?.set('idle')
  }

  private describe(err: Error): SessionError {
    const at = Date.now()
    const proxy = this.o.proxy
    if (proxy) {
      const reply = this.proxyReply
      const e = reply
        ? proxyReplyError(proxy, tunnelTarget(this.o.url), reply.status, reply.text)
        : proxyUnreachable(
            proxy,
            this.tunnelStalled ? `no answer to CONNECT within ${this.o.handshakeTimeoutMs} ms` : err.message
          )
      // A proxy that refused (407, 403) refuses again at once: wait as after a refused upgrade.
      if (e !== null)
        return { code: e.code, message: e.message, at, minNextDelayMs: reply ? this.o.rejectedUpgradeMinMs : null }
    }
    if (this.refused !== null) {
      const { code, message, minNextDelayMs } = judgeRefusal(this.refused, this.o.rejectedUpgradeMinMs)
      return { code, message, at, minNextDelayMs }
    }
    return sessionErrorOf(err, at)
  }
}

/** A socket failure as the status shows it: the system's code (ECONNREFUSED…) when it is a listed one. */
export function sessionErrorOf(err: unknown, at: number): SessionError {
  const e = err instanceof Error ? err : new Error(String(err))
  return { code: socketErrorCode((e as NodeJS.ErrnoException).code), message: e.message, at, minNextDelayMs: null }
}
