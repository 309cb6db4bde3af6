// Electron's security checklist, items 5 and 11–14: no navigation away from the app, no new windows,
// no <webview>, every permission denied (Electron grants them all by default).

import { app, type Session } from 'electron'
import { isSameOrigin } from '../ipc/sender-check'
import { originOf } from '../../shared/guards'

interface Preventable {
  preventDefault(): void
}

/** Applies to every webContents the app ever creates, including ones we did not expect. */
export function lockDownWebContents(appOrigin: string, warn: (message: string) => void): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(({ url }) => {
      warn(`Blocked a new window for ${originOf(url)}`)
      return { action: 'deny' }
    })
    const keepInApp = (event: Preventable, url: string, what: string): void => {
      if (isSameOrigin(url, appOrigin)) return
      event.preventDefault()
      warn(`Blocked ${what} to ${originOf(url)}`)
    }
    contents.on('will-navigate', (event) => keepInApp(event, event.url, 'navigation'))
    // will-frame-navigate fires first, for every frame: left to it, the main frame's navigation would
    // be cancelled here and will-navigate never run. The main frame is will-navigate's (one message).
    contents.on('will-frame-navigate', (event) => {
      if (!event.isMainFrame) keepInApp(event, event.url, 'frame navigation')
    })
    contents.on('will-redirect', (event) => keepInApp(event, event.url, 'redirect'))
    contents.on('will-attach-webview', (event) => {
      event.preventDefault()
      warn('Blocked a <webview>')
    })
  })
}

export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.setDevicePermissionHandler(() => false)
}
