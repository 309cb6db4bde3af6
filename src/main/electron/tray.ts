// The tray icon: the feed's colour, a tooltip with trades/s and the last problem, and the menu
// (Show, Pause/Resume collection, Quit). What it shows is decided in ../host/tray-state.ts.

import { Menu, nativeImage, Tray, type NativeImage } from 'electron'
import { errorMessage } from '../../shared/guards'
import type { EngineFacade } from '../core/engine-facade'
import { trayDotPng } from '../host/png-icon'
import { trayChanges, trayView, type TrayAction, type TrayColour, type TrayView } from '../host/tray-state'

export interface TrayOptions {
  engine: EngineFacade
  show: () => void
  quit: () => void
}

export interface DesktopTray {
  dispose(): void
}

const icons = new Map<TrayColour, NativeImage>()

/** 16 px, with a 32 px representation for high-density displays. */
function iconFor(colour: TrayColour): NativeImage {
  let icon = icons.get(colour)
  if (!icon) {
    icon = nativeImage.createFromBuffer(trayDotPng(colour, 16), { scaleFactor: 1 })
    icon.addRepresentation({ scaleFactor: 2, buffer: trayDotPng(colour, 32) })
    icons.set(colour, icon)
  }
  return icon
}

/** Throws where the platform has no tray (the caller falls back to quit on close). */
export function createTray(opts: TrayOptions): DesktopTray {
  const tray = new Tray(iconFor('grey'))
  let shown: TrayView | null = null
  const draw = (view: TrayView): void => {
    if (tray.isDestroyed()) return
    const changed = trayChanges(shown, view)
    if (changed.colour) tray.setImage(iconFor(view.colour))
    if (changed.tooltip) tray.setToolTip(view.tooltip)
    if (changed.menu) {
      const menu = view.menu.map((item) => ({ label: item.label, click: () => act(item.action) }))
      tray.setContextMenu(Menu.buildFromTemplate(menu))
    }
    shown = view
  }
  const refresh = async (): Promise<void> =>
    draw(trayView(Object.values(await opts.engine.handlers.getCollectorsStatus())))
  const act = (action: TrayAction): void => {
    if (action === 'show') return opts.show()
    if (action === 'quit') return opts.quit()
    Promise.resolve(opts.engine.handlers.setCollectionPaused({ paused: action === 'pause' }))
      .then(refresh)
      .catch((err: unknown) =>
        opts.engine.logger.log('ERROR', 'desktop', `Tray ${action} failed: ${errorMessage(err)}`)
      )
  }
  void refresh()
  // Windows and macOS: a click on the icon opens the window (Linux shows the menu).
  tray.on('click', () => opts.show())
  const unsubscribe = opts.engine.subscribe('status', (list) => draw(trayView(list)))
  return {
    dispose: () => {
      unsubscribe()
      if (!tray.isDestroyed()) tray.destroy()
    }
  }
}
