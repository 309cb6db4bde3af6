// The contract as named functions over IPC. Pure over `IpcRendererLike`, so tests run it in Node
// against an in-memory pair; src/preload/index.ts binds the real `ipcRenderer`.

import {
  API_CALLS,
  API_EVENTS,
  ApiError,
  CALL_NAMES,
  EVENT_NAMES,
  type CallName,
  type EventName,
  type Listener,
  type Unsubscribe
} from '../shared/contract'
import type { IpcBridge, IpcBridgeCalls } from '../shared/ipc-bridge'

/** The IPC listener signature: Electron passes its event object first. */
export type IpcListener = (event: unknown, ...args: unknown[]) => void

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>
  on(channel: string, listener: IpcListener): unknown
  removeListener(channel: string, listener: IpcListener): unknown
}

/**
 * What the preload exposes: every call resolves with main's `IpcReply` as data, never rejects with
 * an ApiError (the context bridge would keep only its message); the page unwraps it
 * (src/shared/ipc-bridge.ts).
 */
export function createIpcBridge(ipc: IpcRendererLike): IpcBridge {
  const call = (name: CallName, req: unknown): Promise<unknown> =>
    req === undefined ? ipc.invoke(API_CALLS[name].channel) : ipc.invoke(API_CALLS[name].channel, req)
  // One function per call; the mapped type cannot be built key by key without this one cast.
  const calls = Object.fromEntries(
    CALL_NAMES.map((name) => [name, (req?: unknown) => call(name, req)])
  ) as IpcBridgeCalls

  function subscribe<E extends EventName>(event: E, listener: Listener<E>): Unsubscribe {
    if (!(EVENT_NAMES as readonly string[]).includes(event))
      throw new ApiError('bad_request', `unknown event ${String(event)}`)
    if (typeof listener !== 'function') throw new ApiError('bad_request', 'subscribe needs a listener function')
    const channel = API_EVENTS[event]
    // The IPC event object stays here: through its `sender` it would reach ipcRenderer.
    const relay: IpcListener = (_event, payload) => listener(payload as Parameters<Listener<E>>[0])
    ipc.on(channel, relay)
    let subscribed = true
    return () => {
      if (!subscribed) return
      subscribed = false
      ipc.removeListener(channel, relay)
    }
  }

  return { ...calls, subscribe, transport: 'electron' }
}
