// Keeps the app's pages on the app's origin (Electron's security checklist, item 13). Electron emits
// `will-frame-navigate` first, for every frame including the main one, then `will-navigate` for the
// main frame unless the first was cancelled: each frame is judged once, by one handler, with one
// message. Plain over `NavigationSource` so it runs in Node against an emitter; hardening.ts binds
// each real webContents.

import { originOf } from '../../shared/guards'
import { isSameOrigin } from './sender-check'

export interface NavigationEventLike {
  readonly url: string
  preventDefault(): void
}

export interface FrameNavigationEventLike extends NavigationEventLike {
  readonly isMainFrame: boolean
}

export interface NavigationSource {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: NavigationEventLike) => void): unknown
  on(event: 'will-frame-navigate', listener: (event: FrameNavigationEventLike) => void): unknown
}

export function guardNavigation(contents: NavigationSource, appOrigin: string, warn: (message: string) => void): void {
  const keepInApp = (event: NavigationEventLike, what: string): void => {
    if (isSameOrigin(event.url, appOrigin)) return
    event.preventDefault()
    warn(`Blocked ${what} to ${originOf(event.url)}`)
  }
  contents.on('will-navigate', (event) => keepInApp(event, 'navigation'))
  // The main frame is will-navigate's; this one judges sub-frames only.
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) keepInApp(event, 'frame navigation')
  })
  contents.on('will-redirect', (event) => keepInApp(event, 'redirect'))
}
