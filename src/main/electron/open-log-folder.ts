// "Open log folder": the engine names the folder of market-data-monitor.log, the desktop opens it in
// the system's file manager (shell.openPath); a failure to open is said, not thrown.

import { mkdirSync } from 'node:fs'
import { shell } from 'electron'
import { errorMessage } from '../../shared/guards'
import type { EngineFacade } from '../core/engine-facade'

export function withOpenLogFolder(engine: EngineFacade): EngineFacade {
  return {
    ...engine,
    handlers: {
      ...engine.handlers,
      async openLogFolder() {
        const named = await engine.handlers.openLogFolder()
        if (named.path === null) return named
        try {
          mkdirSync(named.path, { recursive: true })
        } catch (err) {
          return { ...named, message: `Could not open ${named.path}: ${errorMessage(err)}` }
        }
        const failed = await shell.openPath(named.path)
        return failed === ''
          ? { path: named.path, opened: true, message: `Opened ${named.path}` }
          : { ...named, message: `Could not open ${named.path}: ${failed}` }
      }
    }
  }
}
