// Electron's security checklist, items 5 and 11–14: no navigation away from the app, no new windows,
// no <webview>, every permission denied (Electron grants them all by default).

import { app, type Session } from 'electron'
import { guardNavigation } from '../ipc/navigation-guard'
import { originOf } from '../../shared/guards'

/** Applies to every webContents the app ever creates, including ones we did not expect. */
export function lockDownWebContents(appOrigin: string, warn: (message: string) => void): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(({ url }) => {
      warn(`Blocked a new window for ${originOf(url)}`)
      return { action: 'deny' }
    })
    guardNavigation(contents, appOrigin, warn)
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
