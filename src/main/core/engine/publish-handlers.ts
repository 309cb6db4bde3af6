// `GET /collectors/publish`: forwarding to NATS JetStream as it stands.

import { publishStatus } from '../forward/forward-status'
import type { EngineContext, HandlerGroup } from './context'

export function publishHandlers(ctx: EngineContext): HandlerGroup<'getPublishStatus'> {
  return {
    getPublishStatus: () => publishStatus(ctx.forward)
  }
}
