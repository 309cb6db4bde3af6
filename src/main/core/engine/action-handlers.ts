import type { ActionResult } from '../../../shared/dto'
import type { EngineContext, HandlerGroup } from './context'
import { collectorOr404 } from './status-handlers'

const NOT_RUNNING: ActionResult = { ok: false, message: 'the engine is not running' }
const PAUSED: ActionResult = { ok: false, message: 'collection is paused: resume it first' }

export function actionHandlers(
  ctx: EngineContext
): HandlerGroup<'reconnectCollector' | 'restartCollector' | 'restartEngine'> {
  const { engineLog, lifecycle, manager } = ctx
  /** Why a collector action would do nothing; null when it can act. */
  const refusal = (): ActionResult | null =>
    !lifecycle.running ? { ...NOT_RUNNING } : manager.paused ? { ...PAUSED } : null
  let restarting: Promise<ActionResult> | null = null
  return {
    reconnectCollector: ({ name }) => {
      const c = collectorOr404(ctx, name)
      const refused = refusal()
      if (refused) return refused
      c.reconnectNow('requested by the user')
      return { ok: true, message: `Collector ${name}: reconnecting now` }
    },
    restartCollector: async ({ name }) => {
      collectorOr404(ctx, name)
      return ctx.serial(async (): Promise<ActionResult> => {
        const refused = refusal()
        if (refused) return refused
        engineLog.info(`Restarting collector ${name} on request`)
        await manager.restart(name)
        return { ok: true, message: `Collector ${name} restarted` }
      })
    },
    restartEngine: () => {
      // Collectors are built afresh with the same settings; storage is kept. Concurrent requests share one restart.
      restarting ??= ctx
        .serial(async (): Promise<ActionResult> => {
          engineLog.info('Full engine restart requested: stopping everything (settings and stored trades kept)')
          await lifecycle.restart(ctx)
          engineLog.info('Engine restarted')
          const next = manager.paused ? 'collection stays paused' : 'collectors reconnecting with the same settings'
          return { ok: true, message: `Engine restarted: ${next}` }
        })
        .finally(() => (restarting = null))
      return restarting
    }
  }
}
