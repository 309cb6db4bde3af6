import type { CollectorPhase } from '../../../shared/dto'

/** What the watchdog sees of a collector at one tick. */
export interface WatchdogSnapshot {
  /** When the previous tick ran: a late tick means the event loop was stalled. */
  previousTickAt: number
  /** A connection is open (not connecting, not closing). */
  open: boolean
  phase: CollectorPhase
  /** Last frame of any kind on the connection, a pong included. */
  lastFrameAt: number
  connectedSince: number | null
  /** Last trade received (local clock); null before the first. */
  lastTradeAt: number | null
}

export interface WatchdogLimits {
  intervalMs: number
  /** No frame at all for this long: the connection is dead. */
  silenceTimeoutMs: number
  /** Streaming but no trade for this long: stale (a quiet market is not a dead socket). */
  dataStaleMs: number
}

export type WatchdogVerdict =
  /** Nothing to judge: no open connection, or the tick came late and frames may wait unread. */
  | { action: 'skip' }
  | { action: 'ok' }
  /** Silent past the limit: drop the connection and reconnect. */
  | { action: 'reconnect'; silentMs: number }
  /** The connection answers, but no trade came for too long. */
  | { action: 'stale'; quietMs: number }

/** Slack on top of two intervals before a tick counts as late. */
const STALL_SLACK_MS = 100

/** Judges one tick; pure, so the rules are tested without sockets or timers. */
export function judge(now: number, s: WatchdogSnapshot, limits: WatchdogLimits): WatchdogVerdict {
  if (!s.open) return { action: 'skip' }
  // After an event-loop stall, frames may be waiting unread: judge silence on the next tick.
  if (now - s.previousTickAt > 2 * limits.intervalMs + STALL_SLACK_MS) return { action: 'skip' }
  const silentMs = now - s.lastFrameAt
  if (silentMs > limits.silenceTimeoutMs) return { action: 'reconnect', silentMs }
  if (s.phase === 'streaming') {
    const quietMs = now - Math.max(s.lastTradeAt ?? 0, s.connectedSince ?? 0)
    if (quietMs > limits.dataStaleMs) return { action: 'stale', quietMs }
  }
  return { action: 'ok' }
}

/** Ticks `judge` on an interval, remembering when it last ran (the stall check needs it). */
export class Watchdog {
  private timer: NodeJS.Timeout | null = null
  private lastTickAt = Date.now()

  constructor(
    private readonly limits: WatchdogLimits,
    private readonly look: () => Omit<WatchdogSnapshot, 'previousTickAt'>,
    private readonly act: (verdict: WatchdogVerdict, now: number) => void
  ) {}

  start(): void {
    this.lastTickAt = Date.now()
    this.timer = setInterval(() => this.tick(Date.now()), this.limits.intervalMs)
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }

  private tick(now: number): void {
    const verdict = judge(now, { ...this.look(), previousTickAt: this.lastTickAt }, this.limits)
    this.lastTickAt = now
    this.act(verdict, now)
  }
}
