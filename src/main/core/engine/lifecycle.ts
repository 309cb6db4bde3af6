// The engine's one lifecycle state, and what a run owns between start() and stop(): the event
// batcher, the change pushes, the storage cleanup timer and the log hook.

import type { TaskHandle } from '../engine-facade'
import { DEFAULT_INTERVALS, EventPublisher, type PublisherIntervals } from '../publisher'
import type { EngineContext } from './context'
import { startForwarding, stopForwarding } from './forwarding'
import { recordingFile } from './recording-file'
import { StatePushes } from './state-pushes'
import { storageStats } from './storage-handlers'
import { engineHealth } from './status-handlers'

export type EngineLifecycle = 'idle' | 'starting' | 'running' | 'stopping' | 'stopped'

interface EngineRun {
  publisher: EventPublisher
  pushes: StatePushes
  cleanupTimer: NodeJS.Timeout
  cleanupTask: TaskHandle
  unhookLog: () => void
}

/** idle → starting → running → stopping → stopped; only a full engine restart goes back to idle. */
export class Lifecycle {
  private phaseValue: EngineLifecycle = 'idle'
  private run: EngineRun | null = null

  get phase(): EngineLifecycle {
    return this.phaseValue
  }

  /** Collecting: what health, the checklist and the actions mean by "the engine is running". */
  get running(): boolean {
    return this.phaseValue === 'running'
  }

  /** The running event batcher; null outside a run. */
  get publisher(): EventPublisher | null {
    return this.run?.publisher ?? null
  }

  async start(ctx: EngineContext): Promise<void> {
    if (this.phaseValue !== 'idle') return
    this.phaseValue = 'starting'
    const { opts, tasks, storage, manager, log } = ctx
    ctx.wiring.openRecorder(recordingFile(ctx.settings, ctx.persistence.dataDir))
    const intervals: PublisherIntervals = { ...DEFAULT_INTERVALS, ...opts.intervals }
    const publisher = new EventPublisher(
      ctx.hub,
      intervals,
      opts.maxTradesPerBatch ?? 2000,
      tasks.register('engine.publisher'),
      {
        status: () => Object.values(manager.statuses()),
        stats: () => storageStats(ctx),
        sample: () => ctx.rates.sample()
      }
    )
    const unhookLog = log.onEntry((e) => publisher.pushLog(e))
    publisher.start()
    const pushes = new StatePushes(
      ctx.hub,
      ctx.gaps,
      () => engineHealth(ctx),
      intervals.statusMs,
      () => publisher.flush()
    )
    pushes.start()
    const cleanupTask = tasks.register('storage.cleanup', 'drops empty rings and raw frames past their age')
    cleanupTask.set('idle')
    const cleanupTimer = setInterval(() => {
      const r = storage.cleanup(Date.now())
      cleanupTask.set('idle', `last run dropped ${r.rawDropped} raw frames, ${r.ringsDropped} empty rings`)
    }, opts.cleanupIntervalMs ?? 30_000)
    this.run = { publisher, pushes, cleanupTimer, cleanupTask, unhookLog }
    // Before the collectors connect: history in the rings, restart gaps open, storage hooked to disk.
    await ctx.persistence.start(ctx)
    ctx.resources.start()
    startForwarding(ctx)
    this.phaseValue = 'running'
    manager.startAll()
  }

  async stop(ctx: EngineContext): Promise<void> {
    if (this.phaseValue !== 'running') return
    this.phaseValue = 'stopping'
    const run = this.run
    if (run) {
      clearInterval(run.cleanupTimer)
      run.cleanupTask.dispose()
    }
    await ctx.manager.stopAll()
    await stopForwarding(ctx)
    await ctx.persistence.stop(ctx)
    ctx.resources.stop()
    if (run) {
      run.pushes.stop()
      run.publisher.flush()
      run.publisher.stop()
      run.unhookLog()
    }
    this.run = null
    await ctx.wiring.closeRecorder()
    this.phaseValue = 'stopped'
    ctx.engineLog.info('Engine stopped')
  }

  /** Stop, build the collectors afresh from the same settings, start again; storage is kept. */
  async restart(ctx: EngineContext): Promise<void> {
    await this.stop(ctx)
    ctx.manager.configure([ctx.wiring.specFor(ctx.settings)])
    this.phaseValue = 'idle'
    await this.start(ctx)
  }
}
