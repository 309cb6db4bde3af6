import type { CloseInfo, CollectorPhase, ErrorInfo } from '../../../shared/dto'
import type { ConnectionErrorCode } from '../../../shared/error-codes'
import type { TaskHandle } from '../engine-facade'
import type { NamedLog } from '../log/engine-log'
import { proxyRouteFor, type ProxyRoute } from '../net/proxy-route'
import { CollectorLink, type LinkOwner } from './collector-link'
import type { ConnectorFacts } from './collector-status'
import { ConnectBudget } from './connect-budget'
import { ReconnectScheduler } from './reconnect-scheduler'
import { SocketSession, sessionErrorOf, type SessionError } from './socket-session'
import type { CollectorTimings } from './timings'

export interface ConnectorOptions {
  name: string
  url: string
  /** Appended to the connection's log lines (` [linear.0]`), or ''. */
  label?: string
  timings: CollectorTimings
  /** Shared across restarts of one collector; a fresh one when absent. */
  connectBudget?: ConnectBudget
  random?: () => number
  /** The proxy setting: '' the environment's (HTTPS_PROXY…), `none`, or a proxy URL. */
  proxy?: string
  log: NamedLog
  /** The running collector's task handles; absent when stopped. */
  tasks: () => Record<'socket' | 'heartbeat', TaskHandle> | undefined
  /** Request ids come from the collector so they stay unique across its connections. */
  pingId: () => string
  /** Where frames, opens, verdicts and closes of the links go. */
  owner: Omit<LinkOwner, 'socketError'>
  phase: (phase: Extract<CollectorPhase, 'connecting' | 'backoff'>) => void
  recordError: (error: ErrorInfo) => void
  /** False once the collector stops: a close then schedules nothing. */
  running: () => boolean
}

/**
 * Opens the collector's connection and opens it again after it ends: the reconnect schedule, the
 * connect budget, socket errors. It holds links, so several connections per collector fit here.
 */
export class Connector implements LinkOwner {
  readonly schedule: ReconnectScheduler
  link: CollectorLink | null = null
  /** The last attempt's proxy, for the status. */
  private proxy: ProxyRoute | null = null

  constructor(private readonly o: ConnectorOptions) {
    const { connectBudget: n, connectBudgetWindowMs: windowMs } = o.timings
    const budget = o.connectBudget ?? new ConnectBudget(n, windowMs)
    this.schedule = new ReconnectScheduler({ ...o, budget, attempt: () => this.connect() })
  }

  facts(): ConnectorFacts {
    return {
      connectedSince: this.link?.session.openedAt ?? null,
      reconnectCount: this.schedule.count,
      nextReconnectAt: this.schedule.nextAt,
      connectBudget: this.schedule.budget.snapshot(),
      proxy: this.proxy ? `${this.proxy.display} (${this.proxy.source})` : null
    }
  }

  connect(): void {
    const { o } = this
    const wait = this.schedule.admit()
    if (wait > 0) {
      const { limit, window_s } = this.schedule.budget.snapshot()
      const next = `next attempt in ${(wait / 1000).toFixed(1)} s`
      o.owner.verdict(
        'connect_budget',
        `Connection budget spent (${limit} attempts per ${window_s} s, shared by every connection): ${next}`
      )
      return this.scheduleNext(wait)
    }
    o.phase('connecting')
    o.tasks()?.socket.set('starting', o.url)
    this.proxy = null
    try {
      const { route: proxy, note } = proxyRouteFor(o.url, o.proxy ?? '')
      this.proxy = proxy
      const via = proxy ? ` through proxy ${proxy.display} (${proxy.source})` : note ? ` (${note})` : ''
      o.log.info(`Connecting to WebSocket: ${o.url}${via}${o.label ?? ''}`)
      const session = new SocketSession({ ...o.timings, ...o, proxy, heartbeatTask: o.tasks()?.heartbeat })
      this.link = new CollectorLink(session, this)
    } catch (e) {
      this.socketError(sessionErrorOf(e, Date.now()))
      this.scheduleNext()
    }
  }

  /** Drops the connection (a pending wait is cut short instead); `immediate` skips the backoff. */
  restart(immediate: boolean): void {
    if (this.schedule.hurry() || !this.link) return
    this.schedule.skipBackoff(immediate)
    this.link.session.terminate()
  }

  async close(graceMs: number): Promise<void> {
    this.schedule.cancel()
    await this.link?.session.close(graceMs, 'collector stopped')
    this.link = null
    this.schedule.clear()
  }

  opened(link: CollectorLink, at: number): void {
    this.o.owner.opened(link, at)
  }

  frame(link: CollectorLink, text: string, receivedAt: number, bytes: Uint8Array | null): void {
    this.o.owner.frame(link, text, receivedAt, bytes)
  }

  verdict(code: ConnectionErrorCode, message: string): void {
    this.o.owner.verdict(code, message)
  }

  socketError(err: SessionError): void {
    if (err.minNextDelayMs !== null) this.schedule.holdOff(err.minNextDelayMs)
    this.o.recordError({ code: err.code, message: err.message, at: err.at })
    this.o.log.error(`WebSocket connection error: ${err.message}${this.o.label ?? ''}`, err.code)
  }

  closed(link: CollectorLink, info: CloseInfo): void {
    if (this.link === link) this.link = null
    if (link.wasStable(info.at, this.o.timings.stableAfterMs)) this.schedule.stable()
    this.o.owner.closed(link, info)
    if (this.o.running()) this.scheduleNext()
  }

  private scheduleNext(floorMs = 0): void {
    const { delay, at } = this.schedule.schedule(floorMs)
    this.o.phase('backoff')
    this.o.tasks()?.socket.set('backoff', `next attempt at ${new Date(at).toISOString()}`)
    const label = this.o.label ?? ''
    this.o.log.info(`Reconnecting in ${(delay / 1000).toFixed(1)} s (attempt ${this.schedule.count + 1})${label}`)
  }
}
