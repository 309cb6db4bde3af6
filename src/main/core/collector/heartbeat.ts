/** Extra wait for a pong whose deadline fired late (the event loop was stalled). */
const STALL_GRACE_MS = 50

export interface HeartbeatOptions {
  intervalMs: number
  pongTimeoutMs: number
  /** Sends one ping on the current socket; false when there is no open socket to send on. */
  sendPing: () => boolean
  /** No pong within `timeoutMs`: the owner terminates the connection. */
  onPongTimeout: (timeoutMs: number) => void
}

/**
 * A collector's application-level ping (Bybit drops a connection without one) and the pong
 * deadline that detects a dead connection. At most one ping is outstanding; its deadline decides.
 */
export class Heartbeat {
  private pingTimer: NodeJS.Timeout | null = null
  private pongTimer: NodeJS.Timeout | null = null

  constructor(private readonly opts: HeartbeatOptions) {}

  start(): void {
    this.stop()
    this.pingTimer = setInterval(() => this.ping(this.opts.pongTimeoutMs, false), this.opts.intervalMs)
  }

  stop(): void {
    if (this.pingTimer) clearInterval(this.pingTimer)
    this.pingTimer = null
    this.clearDeadline()
  }

  /** `force` replaces an outstanding ping's deadline (after resume: a short one). */
  ping(timeoutMs: number, force: boolean): void {
    if (this.pongTimer) {
      if (!force) return // the outstanding ping's deadline decides
      this.clearDeadline()
    }
    if (!this.opts.sendPing()) return
    const armedAt = performance.now()
    let graced = false
    const onDeadline = (): void => {
      this.pongTimer = null
      // Fired late: the event loop was stalled and the pong may sit unread in the socket. Let I/O run once more.
      const late = performance.now() - armedAt - timeoutMs
      if (!graced && late > Math.max(100, timeoutMs / 2)) {
        graced = true
        this.pongTimer = setTimeout(onDeadline, STALL_GRACE_MS)
        return
      }
      this.opts.onPongTimeout(timeoutMs)
    }
    this.pongTimer = setTimeout(onDeadline, timeoutMs)
  }

  pong(): void {
    this.clearDeadline()
  }

  private clearDeadline(): void {
    if (this.pongTimer) clearTimeout(this.pongTimer)
    this.pongTimer = null
  }
}
