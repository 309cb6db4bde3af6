import type { CloseInfo, GapCause } from '../../../shared/dto'
import type { ConnectionErrorCode } from '../../../shared/error-codes'
import type { Session, SessionError } from './socket-session'

const UNCONNECTED = { open: false, lastFrameAt: 0, connectedSince: null }

/** What the watchdog judges of a connection (none: nothing open). */
export function watchFacts(link: CollectorLink | null): {
  open: boolean
  lastFrameAt: number
  connectedSince: number | null
} {
  if (!link) return UNCONNECTED
  return { open: link.isOpen, lastFrameAt: link.session.lastFrameAt, connectedSince: link.session.openedAt }
}

/** What a link reports to its collector. */
export interface LinkOwner {
  opened(link: CollectorLink, at: number): void
  frame(link: CollectorLink, text: string, receivedAt: number, bytes: Uint8Array | null): void
  /** A verdict against the connection (it is terminated right after): log and record it. */
  verdict(code: ConnectionErrorCode, message: string): void
  socketError(error: SessionError): void
  closed(link: CollectorLink, close: CloseInfo): void
}

/**
 * One connection of a collector and what the collector learned about it. A collector holds its
 * links, not sockets, so topics can later be sharded across several.
 */
export class CollectorLink {
  /** If it closes now, why its live topics have a gap. */
  closeCause: GapCause = 'disconnect'
  /** A topic went live on it: only such a connection, once it lasted, resets the backoff. */
  subscribed = false

  constructor(
    readonly session: Session,
    private readonly owner: LinkOwner
  ) {
    session.on('open', (at) => owner.opened(this, at))
    session.on('frame', (text, at, bytes) => owner.frame(this, text, at, bytes))
    session.on('pong-timeout', (timeoutMs) => {
      if (this.closeCause === 'disconnect') this.closeCause = 'stale'
      this.drop('pong_timeout', `No pong within ${timeoutMs / 1000} s, terminating the connection`)
    })
    session.on('error', (error) => owner.socketError(error))
    session.on('close', (close) => owner.closed(this, close))
  }

  get isOpen(): boolean {
    return this.session.isOpen
  }

  /** A pong answers the outstanding ping, and after a resume proves the connection survived. */
  pong(): void {
    this.closeCause = 'disconnect'
    this.session.pong()
  }

  /** After sleep/resume: a short-deadline ping; if it fails, the gap is the sleep's. */
  checkAfterResume(timeoutMs: number): void {
    this.closeCause = 'resume'
    this.session.ping(timeoutMs, true)
  }

  /** No frame at all for too long: the connection is dead. */
  silent(silentMs: number): void {
    this.closeCause = 'stale'
    this.drop(
      'silent_connection',
      `No data and no pong for ${Math.round(silentMs / 1000)} s, terminating the connection`
    )
  }

  /** It lived `stableAfterMs` with a topic live: the backoff may start over. */
  wasStable(closedAt: number, stableAfterMs: number): boolean {
    const openedAt = this.session.openedAt
    return openedAt !== null && this.subscribed && closedAt - openedAt >= stableAfterMs
  }

  private drop(code: ConnectionErrorCode, message: string): void {
    this.owner.verdict(code, message)
    this.session.terminate()
  }
}
