// Forwards every stored trade to NATS JetStream without ever slowing ingest: `push` only appends to
// the outbox; one asynchronous loop connects (with backoff), makes sure of the stream, and keeps up
// to `maxInFlight` publishes unacknowledged. A failed connection sends again everything not yet
// acknowledged (JetStream drops the copies by Nats-Msg-Id). With a durable backlog, trades the
// outbox could not hold, and those left at the last stop, are read back from disk (replay.ts).

import { PublishFailure, type Ack } from './ack-publisher'
import type { ErrorInfo } from '../../../shared/dto'
import type { PublishState, PublishStreamInfo } from '../../../shared/dto-publish'
import type { TaskHandle } from '../engine-facade'
import type { NamedLog } from '../log/engine-log'
import { LatencyHistogram } from '../metrics/latency-histogram'
import type { Trade } from '../trade'
import type { ForwardBacklog } from './forward-backlog'
import { redactServer, tradeMsgId, tradeSubject, type ForwardConfig } from './forward-config'
import { NatsLink, NatsLinkError } from './nats-link'
import { natsFailure, type NatsFailure } from './nats-errors'
import { Outbox } from './outbox'
import { Replay } from './replay'
import { SendWindow, type Sent } from './send-window'

export interface ForwarderDeps {
  log: NamedLog
  task: TaskHandle
  /** The durable outbox; null with --no-persist. */
  backlog: ForwardBacklog | null
  random?: () => number
}

/** A backlog larger than this (outbox + replay) shows as catching_up rather than connected. */
const CATCHING_UP_AT = 2000
const CURSOR_SAVE_MS = 1000

export class Forwarder {
  stateValue: PublishState = 'connecting'
  readonly outbox: Outbox
  readonly window = new SendWindow()
  readonly latency = new LatencyHistogram()
  readonly replay: Replay | null
  published = 0
  acknowledged = 0
  duplicates = 0
  dropped = 0
  reconnects = 0
  connectedAt: number | null = null
  lastAckAt: number | null = null
  connectedServer: string | null = null
  stream: PublishStreamInfo | null = null
  lastError: ErrorInfo | null = null
  private streamCreated = false
  private running: Promise<void> | null = null
  private stopping = false
  private wake: (() => void) | null = null
  private generation = 0
  private dropLogged = 0
  private cursorsDirty = false
  private cursorTimer: NodeJS.Timeout | null = null

  constructor(
    readonly cfg: ForwardConfig,
    private readonly deps: ForwarderDeps
  ) {
    this.outbox = new Outbox(cfg.outboxCapacity)
    this.replay = deps.backlog ? new Replay(deps.backlog, this.window, this.outbox) : null
  }

  get servers(): string[] {
    return this.cfg.servers.map(redactServer)
  }

  /** Trades waiting: in the outbox, read back from disk and not sent, and in flight. */
  get pending(): number {
    return this.outbox.length + this.window.size + (this.replay?.buffered ?? 0)
  }

  /** Age of the oldest trade not yet acknowledged (ms). */
  lagMs(now = Date.now()): number {
    const oldest = this.window.oldest() ?? this.replay?.peek() ?? this.outbox.peek()
    return oldest ? Math.max(0, now - oldest.receivedAt) : 0
  }

  /** The hot path: never blocks, never throws. */
  push(t: Trade): void {
    if (this.replay !== null) {
      if (!this.replay.admit(t, this.outbox)) return
    } else if (!this.outbox.offer(t)) {
      this.drop(1, 'the in-memory outbox is full')
      return
    }
    this.wakeUp()
  }

  start(): void {
    if (this.running) return
    this.stopping = false
    this.deps.task.set('starting', `to ${this.servers.join(', ')}`)
    this.running = this.boot().then(() => this.loop())
    this.cursorTimer = setInterval(() => void this.saveCursors(), CURSOR_SAVE_MS)
  }

  /** Waits (bounded) for the outbox to drain, then stops; what is left is dropped (memory) or kept on disk (durable). */
  async stop(): Promise<void> {
    if (!this.running) return
    const deadline = Date.now() + this.cfg.stopDrainMs
    while (
      this.pending > 0 &&
      Date.now() < deadline &&
      this.stateValue !== 'down' &&
      this.stateValue !== 'stream_missing'
    )
      await new Promise((r) => setTimeout(r, 20))
    this.stopping = true
    this.wakeUp()
    await this.running
    this.running = null
    if (this.cursorTimer) clearInterval(this.cursorTimer)
    this.cursorTimer = null
    const left = this.outbox.clear() + this.window.takeUnfinished().length + (this.replay?.clear() ?? 0)
    if (left > 0 && this.replay === null) this.drop(left, 'the engine stopped before NATS acknowledged them')
    else if (left > 0)
      this.deps.log.info(
        `Stopped with ${left} trades not yet forwarded: they stay on disk and are sent after the cursor at the next start`
      )
    await this.saveCursors()
    this.stateValue = 'off'
    this.deps.task.set('stopped')
  }

  private drop(n: number, why: string): void {
    this.dropped += n
    // One line per power of ten: a long outage is reported, not flooded.
    if (this.dropped >= this.dropLogged * 10 || this.dropLogged === 0) {
      this.dropLogged = Math.max(1, this.dropped)
      this.deps.log.warning(
        `${this.dropped} trades not forwarded so far (${why}); counted as dropped`,
        'publish_dropped'
      )
    }
  }

  private async boot(): Promise<void> {
    if (this.replay === null) return
    try {
      const cursors = await this.replay.load()
      if (cursors > 0) this.deps.log.info(`Forwarding resumes after the saved cursor of ${cursors} symbols`)
    } catch (e) {
      this.setError(natsFailure(e, 'nats_stream_error'), 'Reading the forwarding cursor failed')
    }
  }

  private async saveCursors(): Promise<void> {
    if (!this.cursorsDirty || this.deps.backlog === null) return
    this.cursorsDirty = false
    try {
      await this.deps.backlog.saveCursors(this.window.cursorList())
    } catch (e) {
      this.cursorsDirty = true
      this.deps.log.warning(`Saving the forwarding cursor failed: ${natsFailure(e).message}`)
    }
  }

  private wakeUp(): void {
    const w = this.wake
    if (w) {
      this.wake = null
      w()
    }
  }

  private setError(f: NatsFailure, context: string): void {
    const same = this.lastError?.code === f.code && this.lastError.message === f.message
    this.lastError = { code: f.code, message: f.message, at: Date.now() }
    this.deps.task.fail(this.lastError)
    if (!same) this.deps.log.error(`${context}: ${f.message}`, f.code)
  }

  private backoffMs(attempt: number): number {
    const cap = Math.min(this.cfg.backoffMaxMs, this.cfg.backoffMinMs * 2 ** Math.min(attempt, 16))
    return cap / 2 + ((this.deps.random ?? Math.random)() * cap) / 2
  }

  /** The backoff: new trades do not cut it short (they wait in the outbox), a stop does. */
  private async sleep(ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        this.wake = null
        resolve()
      }, ms)
      const onWake = (): void => {
        if (!this.stopping) {
          this.wake = onWake
          return
        }
        clearTimeout(t)
        resolve()
      }
      this.wake = onWake
    })
  }

  private async loop(): Promise<void> {
    let attempt = 0
    while (!this.stopping) {
      let link: NatsLink | null = null
      try {
        link = await NatsLink.open(this.cfg)
        if (this.stopping) break
        const r = await link.ensureStream()
        if ('missing' in r) {
          this.stateValue = 'stream_missing'
          this.stream = null
          this.setError(r.missing, `Stream ${this.cfg.stream} is missing`)
        } else {
          this.onConnected(link, r.info)
          attempt = 0
          await this.pump(link)
        }
      } catch (e) {
        const f = e instanceof NatsLinkError ? e.failure : natsFailure(e)
        if (!this.stopping) {
          this.setError(f, `Forwarding to NATS (${this.servers.join(', ')}) failed`)
          this.stateValue = f.code === 'nats_stream_missing' ? 'stream_missing' : 'down'
        }
      } finally {
        this.requeue()
        this.connectedServer = null
        await link?.close()
      }
      if (this.stopping) break
      if (this.stateValue === 'connected' || this.stateValue === 'catching_up') this.stateValue = 'down'
      this.deps.task.set('backoff', this.lastError?.message ?? null)
      await this.sleep(this.backoffMs(attempt++))
      if (!this.stopping) {
        this.reconnects++
        this.deps.task.restarted()
      }
    }
  }

  private onConnected(link: NatsLink, info: PublishStreamInfo): void {
    this.stream = info
    this.streamCreated = info.created
    this.connectedServer = link.server
    this.connectedAt = Date.now()
    if (info.created)
      this.deps.log.info(
        `Created JetStream stream ${info.name} (subjects ${info.subjects.join(', ')})`,
        'publish_stream_created'
      )
    this.deps.log.info(
      `Forwarding to ${link.server}, stream ${info.name}: subjects ${info.subjects.join(', ')}, ${info.storage} storage, ` +
        `duplicate window ${info.duplicate_window_ms / 1000} s, ${info.messages} messages`,
      'publish_connected'
    )
    if (info.duplicate_window_ms < 120_000)
      this.deps.log.warning(
        `Stream ${info.name} keeps a duplicate window of only ${info.duplicate_window_ms / 1000} s (left as it is)`
      )
    this.deps.task.set('running', `stream ${info.name} on ${link.server}`)
  }

  /** Everything sent and not acknowledged goes back in front of the outbox, to be sent again. */
  private requeue(): void {
    this.generation++
    const back = this.window.takeUnfinished()
    if (back.length === 0) return
    if (this.replay) this.replay.unsend(back)
    else this.outbox.unshiftAll(back)
  }

  private next(): Trade | undefined {
    const r = this.replay?.next()
    if (r !== undefined) return r
    if (this.replay && !this.replay.liveAllowed) return undefined
    return this.outbox.shift()
  }

  private async pump(link: NatsLink): Promise<void> {
    const gen = this.generation
    let failure: NatsFailure | null = null
    const fail = (f: NatsFailure): void => {
      failure ??= f
      this.wakeUp()
    }
    void link
      .closed()
      .then((err) => fail({ code: 'nats_disconnected', message: err ? err.message : 'connection closed' }))
    let reading = false
    const readInfo = (): void => {
      if (reading) return
      reading = true
      link.streamInfo(this.streamCreated).then(
        (s) => {
          reading = false
          this.stream = s
        },
        (e: unknown) => {
          reading = false
          const f = e instanceof NatsLinkError ? e.failure : natsFailure(e)
          if (f.code === 'nats_stream_missing') fail(f)
        }
      )
    }
    const info = setInterval(readInfo, this.cfg.streamInfoIntervalMs)
    const onAck = (s: Sent, ack: Ack): void => {
      if (gen !== this.generation) return
      this.acknowledged++
      if (ack.duplicate) this.duplicates++
      const now = Date.now()
      this.lastAckAt = now
      this.window.ack(s, (t) => {
        this.latency.observe(now - t.receivedAt)
        this.cursorsDirty = true
      })
      if (this.window.size * 2 <= this.cfg.maxInFlight) this.wakeUp()
      // Drained: read the stream's numbers now, so they match what was just acknowledged.
      if (this.pending === 0) readInfo()
    }
    try {
      while (!this.stopping && failure === null) {
        while (this.window.size < this.cfg.maxInFlight) {
          const t = this.next()
          if (t === undefined) break
          const s = this.window.add(t)
          this.published++
          link
            .publish(tradeSubject(t.category, t.symbol), JSON.stringify(t.toDto()), tradeMsgId(t.category, t.tradeId))
            .then(
              (ack) => onAck(s, ack),
              (e: unknown) => {
                if (gen === this.generation) fail(e instanceof PublishFailure ? e.failure : natsFailure(e))
              }
            )
        }
        this.stateValue = this.pending > CATCHING_UP_AT || this.replay?.active === true ? 'catching_up' : 'connected'
        if (this.replay?.wantsRead === true)
          void this.replay.fill().then(
            () => this.wakeUp(),
            (e: unknown) => this.replayFailed(e)
          )
        await new Promise<void>((resolve) => {
          this.wake = resolve
          if (failure !== null || this.stopping) resolve()
          // Replay waits for the disk to catch up: look again shortly.
          else if (this.replay?.active === true) setTimeout(() => this.wakeUp(), 50)
        })
      }
    } finally {
      clearInterval(info)
    }
    if (failure !== null) throw new NatsLinkError(failure)
  }

  private replayFailed(e: unknown): void {
    this.setError(natsFailure(e, 'nats_stream_error'), 'Reading trades back from disk failed')
    this.wakeUp()
  }
}
