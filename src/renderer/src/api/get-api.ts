// Picks the transport once: the preload's `window.api` in Electron, HTTP + SSE against the page's
// own origin in a browser. Nothing else in the renderer knows which one it got.

import type { Api, Unsubscribe } from '../../../shared/contract'
import { apiFromBridge } from '../../../shared/ipc-bridge'
import { createHttpApi } from './http-api'
import type { MonitorApi, TransportState } from './types'

/** IPC has no link to lose while the window lives. */
function fromElectron(api: Api): MonitorApi {
  return {
    ...api,
    endpoint: 'the desktop app',
    watchTransport(listener: (state: TransportState) => void): Unsubscribe {
      listener('open')
      return () => {}
    },
    watchDropped(): Unsubscribe {
      return () => {}
    }
  }
}

export function readMirrorToken(doc: Document): string {
  return doc.querySelector<HTMLMetaElement>('meta[name="mdm-token"]')?.content ?? ''
}

let chosen: MonitorApi | null = null

export function getApi(): MonitorApi {
  if (chosen) return chosen
  chosen = window.api
    ? fromElectron(apiFromBridge(window.api))
    : createHttpApi(window.location.origin, readMirrorToken(document))
  return chosen
}
