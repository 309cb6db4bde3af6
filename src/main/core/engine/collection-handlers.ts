// Pause and resume collection (the tray's Pause/Resume): the collectors stop with their gaps recorded
// and show `paused`; resuming connects them again and backfill closes the gaps. Storage is kept.

import type { ActionResult } from '../../../shared/dto'
import type { EngineContext, HandlerGroup } from './context'

export function collectionHandlers(ctx: EngineContext): HandlerGroup<'setCollectionPaused'> {
  const { engineLog, manager, lifecycle } = ctx
  const apply = async (paused: boolean): Promise<ActionResult> => {
    if (paused === manager.paused)
      return { ok: true, message: paused ? 'Collection is paused' : 'Collection is running' }
    if (paused) {
      engineLog.info('Collection paused by the user: collectors stop, gaps are recorded')
      await manager.pause()
      return { ok: true, message: 'Collection paused' }
    }
    // Nothing would start: the pause stays, and the answer says why.
    if (!lifecycle.running) return { ok: false, message: 'the engine is not running: collection stays paused' }
    engineLog.info('Collection resumed by the user')
    manager.resume(true)
    return { ok: true, message: 'Collection resumed: collectors reconnecting' }
  }
  return {
    // On the engine's change queue: never while settings or a restart rebuild the collectors.
    setCollectionPaused: ({ paused }) => ctx.serial(() => apply(paused))
  }
}
