// Electron's contextBridge, as far as values crossing it go (docs/api/context-bridge.md, "Parameter /
// Error / Return Type support"): functions become proxies, other values are copied, a promise's
// value is copied when it settles, and an error thrown or rejected across it is re-created from its
// message alone: its class and its own properties (an ApiError's `code`) do not survive.

import { ApiError } from '../../../src/shared/contract'
import { apiFromBridge, type IpcBridge } from '../../../src/shared/ipc-bridge'
import type { Api } from '../../../src/shared/contract'
import { createIpcBridge, type IpcRendererLike } from '../../../src/preload/ipc-client'

function copyError(err: unknown): Error {
  return new Error(err instanceof Error ? err.message : String(err))
}

function cross(value: unknown): unknown {
  if (typeof value === 'function') {
    const fn = value as (...args: unknown[]) => unknown
    return (...args: unknown[]) => {
      let out: unknown
      try {
        out = fn(...args.map(cross))
      } catch (err) {
        throw copyError(err)
      }
      if (out instanceof Promise) return out.then(cross, (err: unknown) => Promise.reject(copyError(err)))
      return cross(out)
    }
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    if (value instanceof Error || value instanceof ApiError) return copyError(value)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cross(v)]))
  }
  return structuredClone(value)
}

/** What the page sees of an object the preload exposes with `contextBridge.exposeInMainWorld`. */
export function exposeInMainWorld<T>(api: T): T {
  return cross(api) as T
}

/** The page's Api in the desktop app: the preload's bridge, across the context bridge, unwrapped in the page. */
export function pageApi(ipc: IpcRendererLike): Api {
  return apiFromBridge(exposeInMainWorld<IpcBridge>(createIpcBridge(ipc)))
}
