// The retention task (`durable.retention` in /debug/tasks): at start and then on its cadence, asks
// the durable tier to delete trades past the retention (days, then size), counts what it deleted and
// logs it. One run at a time; a failed run is an error with a code and is tried again next time.

import { errorMessage } from '../../../shared/guards'
import type { DurableTier, RetentionPolicy } from '../durable/durable-tier'
import type { TaskHandle } from '../engine-facade'
import type { NamedLog } from '../log/engine-log'
import type { TaskRegistry } from '../tasks'

export interface RetentionTaskOptions {
  tier: DurableTier
  tasks: TaskRegistry
  log: NamedLog
  policy: () => RetentionPolicy
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
    const { tier, log } = this.o
    const policy = this.o.policy()
    const limits = `older than ${policy.days} days or over ${policy.gb} GB`
    if (tier.retain === undefined) {
      this.task.set('idle', 'this durable tier enforces no retention')
      return
    }
    this.task.set('running', `deleting trades ${limits}`)
    try {
      const n = await tier.retain(policy, Date.now())
      this.runs++
      this.deleted += n
      this.lastRunAt = Date.now()
      if (n > 0) log.info(`Retention: deleted ${n} trades ${limits} (${this.deleted} this run of the engine)`)
      else log.debug(`Retention: nothing ${limits} to delete`)
      if (!this.stopped) this.task.set('idle', `last run deleted ${n}; ${this.deleted} deleted since start`)
    } catch (e) {
      const message = `Retention failed: ${errorMessage(e)}`
      log.error(message, 'retention_failed')
      if (!this.stopped) this.task.fail({ code: 'retention_failed', message, at: Date.now() })
    }
  }
}
