// Engine events to the window. The engine batches at the producer (trades: one batch per ≥ 50 ms
// tick), so this forwards one message per engine event and never sends to a destroyed window.

import { API_EVENTS, EVENT_NAMES, type ApiEventSource, type EventName, type Unsubscribe } from '../../shared/contract'
import type { WebContentsLike } from './ipc-types'

/** Subscribes to every contract event; the returned disposer unsubscribes all of them, once. */
export function forwardEngineEvents(source: ApiEventSource, target: WebContentsLike): Unsubscribe {
  const unsubscribes = EVENT_NAMES.map((event: EventName) =>
    source.subscribe(event, (payload) => {
      if (target.isDestroyed()) return
      try {
        target.send(API_EVENTS[event], payload)
      } catch {
        // The renderer went away between the check and the send; its close handler disposes us.
      }
    })
  )
  return () => {
    for (const unsubscribe of unsubscribes.splice(0)) unsubscribe()
  }
}
