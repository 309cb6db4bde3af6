// Electron's security checklist, item 17: every IPC call is checked for who sent it. Any frame can
// send IPC, and `senderFrame` is null after it navigated or was destroyed, so all three checks run
// every time.

import type { InvokeEventLike } from './ipc-types'
import { originOf } from '../../shared/guards'

/** Why a sender is refused, or null when it is the app's own top-level page in the main window. */
export type SenderCheck = (event: InvokeEventLike) => string | null

export interface TrustedSender {
  /** The app's own origin: `app://bundle` in production, the dev server's URL in development. */
  origin: string
  /** The main window's webContents, or null while there is no window. */
  webContents: () => unknown
}

/**
 * Compares scheme and host (with port) of parsed URLs. `URL.origin` is "null" for custom schemes
 * such as `app:`, so it cannot be compared directly.
 */
export function isSameOrigin(url: string, origin: string): boolean {
  let a: URL
  let b: URL
  try {
    a = new URL(url)
    b = new URL(origin)
  } catch {
    return false
  }
  return a.protocol === b.protocol && a.host === b.host && a.host !== ''
}

export function createSenderCheck(trusted: TrustedSender): SenderCheck {
  return (event) => {
    const frame = event.senderFrame
    if (!frame) return 'the sending frame is gone (navigated or destroyed)'
    if (frame.parent !== null) return 'only the top-level page may call the API'
    if (!isSameOrigin(frame.url, trusted.origin)) return `the sender is not the app's own page (${originOf(frame.url)})`
    const contents = trusted.webContents()
    if (contents === null || event.sender !== contents) return 'the sender is not the main window'
    return null
  }
}
