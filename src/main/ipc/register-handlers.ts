// One `ipcMain.handle` per contract call, on the contract's channel. IPC arguments are untrusted: each
// is parsed by the call's own `parse` before the engine sees it. Failures go back as data
// (`IpcReply`), because Electron keeps only the message of a thrown error.

import {
  API_CALLS,
  ApiError,
  CALL_NAMES,
  type ApiErrorCode,
  type ApiHandlers,
  type CallName,
  type IpcReply
} from '../../shared/contract'
import type { EngineLog } from '../core/engine-facade'
import type { InvokeEventLike, IpcMainLike } from './ipc-types'
import type { SenderCheck } from './sender-check'
import { errorMessage } from '../../shared/guards'

const CHANNEL_RE = /^mdm:[a-z]+:[a-z]+(-[a-z]+)*$/

export interface HandlerRegistration {
  ipcMain: IpcMainLike
  handlers: ApiHandlers
  checkSender: SenderCheck
  logger: EngineLog
}

const refuse = (code: ApiErrorCode, message: string): IpcReply<never> => ({ error: { code, message } })

function isPlainRecord(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false
  const proto = Object.getPrototypeOf(v) as unknown
  return proto === Object.prototype || proto === null
}

/** Registers every call; returns the disposer that removes exactly those handlers. */
export function registerApiHandlers(reg: HandlerRegistration): () => void {
  const registered: string[] = []
  for (const name of CALL_NAMES) {
    const channel = API_CALLS[name].channel
    // The contract is the only source of channels; a malformed one is a programming error.
    if (!CHANNEL_RE.test(channel)) throw new Error(`contract channel ${channel} is not mdm:domain:verb-noun`)
    reg.ipcMain.handle(channel, (event, ...args) => answer(reg, name, event, args))
    registered.push(channel)
  }
  return () => {
    for (const channel of registered.splice(0)) reg.ipcMain.removeHandler(channel)
  }
}

async function answer<K extends CallName>(
  reg: HandlerRegistration,
  name: K,
  event: InvokeEventLike,
  args: unknown[]
): Promise<IpcReply<unknown>> {
  const refusal = reg.checkSender(event)
  if (refusal !== null) {
    reg.logger.log('WARNING', 'ipc', `Refused ${name} call: ${refusal}`, 'ipc_forbidden_sender')
    return refuse('forbidden', `refused: ${refusal}`)
  }
  if (args.length > 1) return refuse('bad_request', `${name} takes at most one argument`)
  // No argument (a call without a request) reads as an empty object; null is not an object.
  const raw = args[0] === undefined ? {} : args[0]
  if (!isPlainRecord(raw)) return refuse('bad_request', `${name} takes an object argument`)
  const spec = API_CALLS[name]
  const parsed = spec.parse(raw)
  if (!parsed.ok) return refuse('bad_request', parsed.error)
  try {
    const handler = reg.handlers[name]
    return { result: await handler(parsed.value) }
  } catch (err) {
    if (err instanceof ApiError) return refuse(err.code, err.message)
    // Details stay in the log; the page gets no stack or path.
    const detail = errorMessage(err)
    reg.logger.log('ERROR', 'ipc', `${name} failed: ${detail}`, 'ipc_handler_failed')
    return refuse('internal', `${name} failed inside the engine; see the log`)
  }
}
