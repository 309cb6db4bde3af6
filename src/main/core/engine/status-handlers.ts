import { ApiError } from '../../../shared/contract'
import type { HealthReport } from '../../../shared/dto'
import type { BybitTradesCollector } from '../collector/bybit-trades-collector'
import { assessHealth } from '../health'
import type { EngineContext, HandlerGroup } from './context'

export function engineHealth(ctx: EngineContext): HealthReport {
  const { lifecycle, startedAt, manager, storage } = ctx
  return assessHealth(
    lifecycle.running,
    startedAt,
    Date.now(),
    manager.statuses(),
    storage.stats(),
    storage.errors().count
  )
}

/** The named collector, or `not_found` listing the known ones. */
export function collectorOr404(ctx: EngineContext, name: string): BybitTradesCollector {
  const c = ctx.manager.get(name)
  if (c) return c
  const known = ctx.manager
    .all()
    .map((x) => x.name)
    .join(', ')
  throw new ApiError('not_found', `no collector named ${JSON.stringify(name)}; known: ${known}`)
}

export function statusHandlers(
  ctx: EngineContext
): HandlerGroup<'getHealth' | 'getCollectorsStatus' | 'getCollectorStatus' | 'getGaps'> {
  return {
    getHealth: () => engineHealth(ctx),
    getCollectorsStatus: () => ctx.manager.statuses(),
    getCollectorStatus: ({ name }) => collectorOr404(ctx, name).status(),
    getGaps: () => {
      const list = ctx.gaps.list()
      return { count: list.length, gaps: list }
    }
  }
}
