// Plays a replay script to the exchange's subscribers: at the recording's own pace (scaled by
// speed) or as fast as the clients drain it (speed 0), once or in a loop.
import type { ReplayFrame, ReplayScript } from './replay'
import type { SentTrade, SimCategory } from './types'

export interface ReplayTarget {
  push(category: SimCategory, topic: string, text: string): boolean
  recordReplayed(trades: SentTrade[], delivered: boolean): void
  /** Bytes still queued to the slowest connected client: replay waits rather than buffering without bound. */
  backlog(): number
  log(line: string): void
}

const BURST = 256
const MAX_BACKLOG = 8 * 1024 * 1024
/** Pause between the end of the file and the next loop at original timing. */
const LOOP_GAP_MS = 100

export class ReplayPlayer {
  readonly done: Promise<void>
  private resolveDone!: () => void
  private timer: NodeJS.Timeout | undefined
  private immediate: NodeJS.Immediate | undefined
  private index = 0
  private started = false
  private stopped = false

  constructor(
    private readonly script: ReplayScript,
    private readonly target: ReplayTarget,
    private readonly speed: number,
    private readonly loop: boolean
  ) {
    this.done = new Promise((resolve) => (this.resolveDone = resolve))
    if (script.frames.length === 0) this.resolveDone()
  }

  /** Idempotent: the first subscription to a replayed topic starts the tape. */
  start(): void {
    if (this.started || this.stopped || this.script.frames.length === 0) return
    this.started = true
    this.target.log(`replay: ${this.script.frames.length} frames (${this.script.skipped} other lines skipped)`)
    this.schedule(0)
  }

  stop(): void {
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
    if (this.immediate) clearImmediate(this.immediate)
    this.timer = undefined
    this.immediate = undefined
    this.resolveDone()
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return
    if (delayMs <= 0) this.immediate = setImmediate(() => this.run())
    else this.timer = setTimeout(() => this.run(), delayMs)
  }

  private run(): void {
    this.timer = undefined
    this.immediate = undefined
    if (this.stopped) return
    if (this.speed === 0 && this.target.backlog() > MAX_BACKLOG) return this.schedule(5)
    const frames = this.script.frames
    for (let sent = 0; ;) {
      const frame = frames[this.index]
      this.play(frame)
      sent++
      this.index++
      if (this.index === frames.length) {
        this.index = 0
        this.resolveDone()
        if (!this.loop) return
        if (this.speed > 0) return this.schedule(LOOP_GAP_MS / this.speed)
      }
      if (this.speed === 0) {
        if (sent >= BURST) return this.schedule(0)
        continue
      }
      const gap = Math.max(0, frames[this.index].ts - frame.ts) / this.speed
      // Frames recorded in the same millisecond go out together.
      if (gap >= 1) return this.schedule(gap)
    }
  }

  private play(frame: ReplayFrame): void {
    const delivered = this.target.push(frame.category, frame.topic, frame.text)
    this.target.recordReplayed(
      frame.trades.map((t) => ({ ...t })),
      delivered
    )
  }
}
