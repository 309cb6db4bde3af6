// The shape `window.api` has in the desktop app, and its unwrapping in the page. Electron's context
// bridge copies a rejected promise's error by its message only, so an `ApiError`'s code would not
// survive it: the preload resolves every call with the main process's structured reply instead, and
// the page turns an `{ error: { code, message } }` back into a thrown ApiError here, in its own world.

import { API_ERROR_CODES, type ApiErrorCode } from './api-error-codes'
import {
  ApiError,
  CALL_NAMES,
  type Api,
  type ApiCalls,
  type CallName,
  type CallRequest,
  type CallResponse,
  type IpcReply
} from './contract'
import { isRecord } from './guards'

/** Every call resolves with the reply as main sent it (data only, which the bridge copies whole). */
export type IpcBridgeCalls = {
  [K in CallName]: CallRequest<K> extends void
    ? () => Promise<IpcReply<CallResponse<K>>>
    : (req: CallRequest<K>) => Promise<IpcReply<CallResponse<K>>>
}

export interface IpcBridge extends IpcBridgeCalls {
  subscribe: Api['subscribe']
  readonly transport: 'electron'
}

/** `{ result }` → the result; `{ error }` → a thrown ApiError with its code; anything else is a broken main. */
export function unwrapIpcReply(name: CallName, reply: unknown): unknown {
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

/**
 * A rejected invoke (no handler while the app quits, a channel main does not answer): it crosses the
 * context bridge as a plain Error with its message only, so it is given the code a client can act on.
 */
export function bridgeFailure(name: CallName, err: unknown): ApiError {
  if (err instanceof ApiError) return err
  const why = err instanceof Error ? err.message : String(err)
  return new ApiError('unavailable', `${name}: the main process did not answer (${why})`)
}

/** The contract's `Api` over the bridge, built in the page: failures throw ApiErrors with their codes. */
export function apiFromBridge(bridge: IpcBridge): Api {
  const call = async (name: CallName, req: unknown): Promise<unknown> => {
    const send = bridge[name] as (req?: unknown) => Promise<unknown>
    let reply: unknown
    try {
      reply = await (req === undefined ? send() : send(req))
    } catch (err) {
      throw bridgeFailure(name, err)
    }
    return unwrapIpcReply(name, reply)
  }
  // One function per call; the mapped type cannot be built key by key without this one cast.
  const calls = Object.fromEntries(CALL_NAMES.map((name) => [name, (req?: unknown) => call(name, req)])) as ApiCalls
  return { ...calls, subscribe: (event, listener) => bridge.subscribe(event, listener), transport: 'electron' }
}
