// The retention task (`durable.retention` in /debug/tasks): at start and then on its cadence, asks
// the durable tier to delete trades past the retention (days, then size) and counts what it deleted
// (the tier logs each deletion). One run at a time; a failed run is an error with a code, tried
// again next time.

import { errorMessage } from '../../../shared/guards'
import type { OpenedTier } from '../durable/open-tier'
import type { TaskHandle } from '../engine-facade'
import type { NamedLog } from '../log/engine-log'
import type { TaskRegistry } from '../tasks'

export interface RetentionTaskOptions {
  opened: OpenedTier
  tasks: TaskRegistry
  log: NamedLog
  /** The limits now, for the task's detail. */
  policy: () => { days: number; gb: number }
  intervalMs: number
}

export const RETENTION_TASK = 'durable.retention'

export class RetentionTask {
  private readonly task: TaskHandle
  private timer: NodeJS.Timeout | null = null
  private running: Promise<void> | null = null
  private stopped = false
  deleted = 0
  runs = 0
  lastRunAt: number | null = null

  constructor(private readonly o: RetentionTaskOptions) {
    this.task = o.tasks.register(RETENTION_TASK, 'deletes trades past the retention (days, then size)')
  }

  start(): void {
    this.task.set('idle', 'first run at start')
    this.runNow()
    this.timer = setInterval(() => this.runNow(), this.o.intervalMs)
    this.timer.unref()
  }

  /** Starts a run unless one is under way. */
  runNow(): void {
    if (this.stopped || this.running !== null) return
    this.running = this.run().finally(() => (this.running = null))
  }

  /** No more runs; waits for the one under way. */
  async stop(): Promise<void> {
    this.stopped = true
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    await this.running
    this.task.dispose()
  }

  private async run(): Promise<void> {
    const { opened, log } = this.o
    const policy = this.o.policy()
    const limits = `older than ${policy.days} days or over ${policy.gb} GB`
    this.task.set('running', `deleting trades ${limits}`)
    try {
      const n = await opened.enforceRetention(Date.now())
      this.runs++
      this.deleted += n
      this.lastRunAt = Date.now()
      log.debug(`Retention run: ${n} trades ${limits} deleted (${this.deleted} since start)`)
      if (!this.stopped) this.task.set('idle', `last run deleted ${n}; ${this.deleted} deleted since start`)
    } catch (e) {
      const message = `Retention failed: ${errorMessage(e)}`
      log.error(message, 'retention_failed')
      if (!this.stopped) this.task.fail({ code: 'retention_failed', message, at: Date.now() })
    }
  }
}
