// Keeps the localhost mirror in line with the settings: started when enabled, restarted when its port
// changes, stopped when disabled. Plain Node. Changes are serialized, and run after the call that
// asked for them returns: a POST /settings served by the mirror must not wait for its own restart.

import type { MirrorStatus } from '../../shared/dto'
import type { Settings } from '../../shared/settings'
import type { EngineFacade } from '../core/engine-facade'

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
}

type MirrorSettings = Settings['mirror']

export class MirrorControl {
  private running: { mirror: MirrorLike; host: string; port: number } | null = null
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
    this.queue = this.queue.then(() => this.stopRunning())
    return this.queue
  }

  get status(): MirrorStatus | null {
    return this.running?.mirror.status ?? null
  }

  private async applyNow(wanted: MirrorSettings): Promise<void> {
    if (this.closed) return
    const { engine } = this.options
    const current = this.running
    const same = current !== null && current.host === wanted.host && current.port === wanted.port
    // A busy or failed port is retried when the settings are applied again.
    if (wanted.enabled && same && current.mirror.status.state === 'listening') return
    await this.stopRunning()
    if (!wanted.enabled) {
      engine.setMirrorStatus({ state: 'off', host: wanted.host, port: wanted.port, url: null, error: null })
      return
    }
    try {
      const mirror = await this.options.start(engine, {
        host: wanted.host,
        port: wanted.port,
        token: this.options.token,
        staticDir: this.options.staticDir
      })
      this.running = { mirror, host: wanted.host, port: wanted.port }
    } catch (err) {
      const error = `Mirror could not start: ${err instanceof Error ? err.message : String(err)}`
      engine.logger.log('ERROR', 'mirror', error, 'mirror_start_failed')
      engine.setMirrorStatus({ state: 'failed', host: wanted.host, port: wanted.port, url: null, error })
    }
  }

  private async stopRunning(): Promise<void> {
    const current = this.running
    this.running = null
    if (current) await current.mirror.close()
  }
}
