// Pause and resume collection (the tray's Pause/Resume): the collectors stop with their gaps recorded
// and show `paused`; resuming connects them again and backfill closes the gaps. Storage is kept.

import type { ActionResult } from '../../../shared/dto'
import type { EngineContext, HandlerGroup } from './context'

export function collectionHandlers(ctx: EngineContext): HandlerGroup<'setCollectionPaused'> {
  const { engineLog, manager, lifecycle } = ctx
  // One change at a time, in arrival order: a resume never overtakes the pause before it.
  let chain: Promise<unknown> = Promise.resolve()
  const apply = async (paused: boolean): Promise<ActionResult> => {
    if (paused === manager.paused)
      return { ok: true, message: paused ? 'Collection is paused' : 'Collection is running' }
    if (paused) {
      engineLog.info('Collection paused by the user: collectors stop, gaps are recorded')
      await manager.pause()
      return { ok: true, message: 'Collection paused' }
    }
    engineLog.info('Collection resumed by the user')
    manager.resume(lifecycle.running)
    return { ok: true, message: 'Collection resumed: collectors reconnecting' }
  }
  return {
    setCollectionPaused: ({ paused }) => {
      const run = chain.then(() => apply(paused))
      chain = run.catch(() => undefined)
      return run
    }
  }
}
