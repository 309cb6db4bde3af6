import type { ApiEventSource, ApiEventTypes, EventName, Listener, Unsubscribe } from '../../shared/contract'

/** Typed fan-out of the engine's pushed events. A throwing listener never breaks the others. */
export class EventHub implements ApiEventSource {
  private readonly listeners = new Map<EventName, Set<(payload: never) => void>>()

  constructor(private readonly onListenerError: (event: EventName, error: Error) => void) {}

  subscribe<E extends EventName>(event: E, listener: Listener<E>): Unsubscribe {
    let set = this.listeners.get(event)
    if (!set) {
      set = new Set()
      this.listeners.set(event, set)
    }
    const entry = listener as (payload: never) => void
    set.add(entry)
    return () => {
      set.delete(entry)
    }
  }

  has(event: EventName): boolean {
    return (this.listeners.get(event)?.size ?? 0) > 0
  }

  emit<E extends EventName>(event: E, payload: ApiEventTypes[E]): void {
    const set = this.listeners.get(event)
    if (!set) return
    for (const l of [...set]) {
      try {
        ;(l as Listener<E>)(payload)
      } catch (e) {
        this.onListenerError(event, e as Error)
      }
    }
  }

  clear(): void {
    this.listeners.clear()
  }
}
