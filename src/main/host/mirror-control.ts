// Keeps the localhost mirror in line with the settings: started when enabled, moved when its port
// changes, stopped when disabled. Plain Node, used by the desktop app and headless serve alike.
// Changes are serialized. A listening mirror that moves opens the new port first and keeps answering
// on the old one for a moment: the POST /settings that moved it gets its reply there, and a browser
// page served by it can ask where the mirror went (GET /debug/runtime) before it follows.

import type { MirrorStatus } from '../../shared/dto'
import type { Settings } from '../../shared/settings'
import type { EngineFacade } from '../core/engine-facade'
import { errorMessage } from '../../shared/guards'

export interface MirrorLike {
  readonly status: MirrorStatus
  close(): Promise<void>
}

export interface MirrorStartOptions {
  host: string
  port: number
  token: string
  staticDir: string | null
}

export type StartMirror = (engine: EngineFacade, options: MirrorStartOptions) => Promise<MirrorLike>

export interface MirrorControlOptions {
  engine: EngineFacade
  start: StartMirror
  token: string
  staticDir: string | null
  /** How long a moved mirror still answers on its old port. Default 3 s. */
  retireAfterMs?: number
}

const RETIRE_AFTER_MS = 3_000

interface Retiring {
  mirror: MirrorLike
  timer: NodeJS.Timeout
}

type MirrorSettings = Settings['mirror']

export class MirrorControl {
  private running: { mirror: MirrorLike; host: string; port: number } | null = null
  private readonly retiring = new Set<Retiring>()
  /** What the engine was last told when no mirror runs (off, or failed to start). */
  private idleStatus: MirrorStatus | null = null
  private queue: Promise<void> = Promise.resolve()
  private closed = false

  constructor(private readonly options: MirrorControlOptions) {}

  /** Resolves once this change (and every earlier one) has been applied. Never rejects. */
  apply(settings: MirrorSettings): Promise<void> {
    const wanted = { ...settings }
    this.queue = this.queue.then(() => this.applyNow(wanted))
    return this.queue
  }

  /** Stops the mirror for good (quit). */
  close(): Promise<void> {
    this.closed = true
    this.queue = this.queue.then(async () => {
      await Promise.all([...this.retiring].map((r) => this.finishRetiring(r)))
      await this.stopRunning()
    })
    return this.queue
  }

  get status(): MirrorStatus | null {
    return this.running?.mirror.status ?? null
  }

  private async applyNow(wanted: MirrorSettings): Promise<void> {
    if (this.closed) return
    const { engine } = this.options
    const current = this.running
    const listening = current !== null && current.mirror.status.state === 'listening'
    const same = current !== null && current.host === wanted.host && current.port === wanted.port
    // A busy or failed port is retried when the settings are applied again.
    if (wanted.enabled && same && listening) return
    if (!wanted.enabled) {
      await this.stopRunning()
      this.idleStatus = { state: 'off', host: wanted.host, port: wanted.port, url: null, error: null }
      engine.setMirrorStatus(this.idleStatus)
      return
    }
    if (listening) this.running = null
    else await this.stopRunning()
    try {
      const mirror = await this.options.start(engine, {
        host: wanted.host,
        port: wanted.port,
        token: this.options.token,
        staticDir: this.options.staticDir
      })
      this.running = { mirror, host: wanted.host, port: wanted.port }
    } catch (err) {
      const error = `Mirror could not start: ${errorMessage(err)}`
      engine.logger.log('ERROR', 'mirror', error, 'mirror_start_failed')
      this.idleStatus = { state: 'failed', host: wanted.host, port: wanted.port, url: null, error }
      engine.setMirrorStatus(this.idleStatus)
    }
    if (!listening) return
    this.retire(current.mirror)
    const to = this.running?.mirror.status.url ?? 'nowhere (see the mirror state)'
    engine.logger.log(
      'INFO',
      'mirror',
      `Mirror moved from port ${current.port} to ${to}; port ${current.port} closes in ${this.retireAfterMs / 1000} s`
    )
  }

  private retire(mirror: MirrorLike): void {
    const entry: Retiring = { mirror, timer: setTimeout(() => void this.finishRetiring(entry), this.retireAfterMs) }
    this.retiring.add(entry)
  }

  private async finishRetiring(entry: Retiring): Promise<void> {
    if (!this.retiring.delete(entry)) return
    clearTimeout(entry.timer)
    await entry.mirror.close()
    // Closing reports "off" for the old port: the mirror that runs now (or why none does) is what counts.
    const now = this.running?.mirror.status ?? this.idleStatus
    if (now !== null && !this.closed) this.options.engine.setMirrorStatus(now)
  }

  private get retireAfterMs(): number {
    return this.options.retireAfterMs ?? RETIRE_AFTER_MS
  }

  private async stopRunning(): Promise<void> {
    const current = this.running
    this.running = null
    if (current) await current.mirror.close()
  }
}
