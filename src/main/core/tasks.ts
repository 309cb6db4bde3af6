import type { ErrorInfo, TaskInfo, TaskState, TasksResponse } from '../../shared/dto'
import type { EngineTasks, TaskHandle } from './engine-facade'

/**
 * Every long-lived activity (socket loop, heartbeat, watchdog, cleanup, publisher, mirror,
 * backfill) registers here; `/debug/tasks` shows the registry. Re-registering a name (a
 * collector restart) keeps the entry and counts a restart.
 */
export class TaskRegistry implements EngineTasks {
  private readonly tasks = new Map<string, TaskInfo>()

  constructor(private readonly now: () => number = Date.now) {}

  register(name: string, detail: string | null = null): TaskHandle {
    const existing = this.tasks.get(name)
    const info: TaskInfo = existing ?? {
      name,
      state: 'starting',
      started_at: null,
      last_activity_at: null,
      restarts: 0,
      last_error: null,
      detail
    }
    if (existing) {
      existing.restarts++
      existing.state = 'starting'
      existing.detail = detail
    }
    info.started_at = this.now()
    this.tasks.set(name, info)
    const now = this.now
    let disposed = false
    return {
      name,
      set(state: TaskState, d?: string | null): void {
        if (disposed) return
        info.state = state
        if (d !== undefined) info.detail = d
        info.last_activity_at = now()
      },
      touch(): void {
        if (!disposed) info.last_activity_at = now()
      },
      fail(error: ErrorInfo): void {
        if (disposed) return
        info.last_error = error
        info.last_activity_at = now()
      },
      restarted(): void {
        if (!disposed) info.restarts++
      },
      dispose(): void {
        if (disposed) return
        disposed = true
        info.state = 'stopped'
        info.last_activity_at = now()
      }
    }
  }

  get(name: string): TaskInfo | undefined {
    const t = this.tasks.get(name)
    return t ? { ...t } : undefined
  }

  snapshot(): TasksResponse {
    const tasks: Record<string, TaskInfo> = {}
    for (const [name, t] of this.tasks) tasks[name] = { ...t }
    return { count: this.tasks.size, tasks }
  }
}
