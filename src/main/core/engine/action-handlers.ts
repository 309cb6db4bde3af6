import type { ActionResult } from '../../../shared/dto'
import type { EngineContext, HandlerGroup } from './context'
import { collectorOr404 } from './status-handlers'

const NOT_RUNNING: ActionResult = { ok: false, message: 'the engine is not running' }

export function actionHandlers(
  ctx: EngineContext
): HandlerGroup<'reconnectCollector' | 'restartCollector' | 'restartEngine'> {
  const { engineLog, lifecycle } = ctx
  let restarting: Promise<ActionResult> | null = null
  return {
    reconnectCollector: ({ name }) => {
      const c = collectorOr404(ctx, name)
      if (!lifecycle.running) return { ...NOT_RUNNING }
      c.reconnectNow('requested by the user')
      return { ok: true, message: `Collector ${name}: reconnecting now` }
    },
    restartCollector: async ({ name }) => {
      collectorOr404(ctx, name)
      if (!lifecycle.running) return { ...NOT_RUNNING }
      engineLog.info(`Restarting collector ${name} on request`)
      await ctx.manager.restart(name)
      return { ok: true, message: `Collector ${name} restarted` }
    },
    restartEngine: () => {
      // Collectors are built afresh with the same settings; storage is kept. Concurrent requests share one restart.
      restarting ??= (async (): Promise<ActionResult> => {
        engineLog.info('Full engine restart requested: stopping everything (settings and stored trades kept)')
        await lifecycle.restart(ctx)
        engineLog.info('Engine restarted')
        return { ok: true, message: 'Engine restarted: collectors reconnecting with the same settings' }
      })().finally(() => (restarting = null))
      return restarting
    }
  }
}
