// The contract as named functions over IPC. Pure over `IpcRendererLike`, so tests run it in Node
// against an in-memory pair; src/preload/index.ts binds the real `ipcRenderer`.

import {
  API_CALLS,
  API_EVENTS,
  ApiError,
  CALL_NAMES,
  EVENT_NAMES,
  type Api,
  type ApiCalls,
  type ApiErrorCode,
  type CallName,
  type EventName,
  type Listener,
  type Unsubscribe
} from '../shared/contract'
import { API_ERROR_CODES } from '../shared/api-error-codes'
import { isRecord } from '../shared/guards'

/** The IPC listener signature: Electron passes its event object first. */
export type IpcListener = (event: unknown, ...args: unknown[]) => void

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>
  on(channel: string, listener: IpcListener): unknown
  removeListener(channel: string, listener: IpcListener): unknown
}

/** `{ result }` → the result; `{ error }` → a thrown ApiError; anything else is a broken main. */
function unwrap(name: CallName, reply: unknown): unknown {
  if (isRecord(reply) && 'result' in reply) return reply.result
  if (isRecord(reply) && isRecord(reply.error)) {
    const { code, message } = reply.error
    const known = typeof code === 'string' && (API_ERROR_CODES as readonly string[]).includes(code)
    throw new ApiError(
      known ? (code as ApiErrorCode) : 'internal',
      typeof message === 'string' ? message : `${name} failed`
    )
  }
  throw new ApiError('internal', `${name}: malformed reply from the main process`)
}

export function createIpcApi(ipc: IpcRendererLike): Api {
  const call = async (name: CallName, req: unknown): Promise<unknown> => {
    const reply = await (req === undefined
      ? ipc.invoke(API_CALLS[name].channel)
      : ipc.invoke(API_CALLS[name].channel, req))
    return unwrap(name, reply)
  }
  // One function per call; the mapped type cannot be built key by key without this one cast.
  const calls = Object.fromEntries(CALL_NAMES.map((name) => [name, (req?: unknown) => call(name, req)])) as ApiCalls

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
