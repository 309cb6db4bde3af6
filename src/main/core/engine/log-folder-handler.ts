// Where the log file is: the engine only names the folder (the host that writes the file tells it
// through EngineOptions.logFolder); the desktop app wraps this call to open the folder as well.

import type { EngineContext, HandlerGroup } from './context'

export function logFolderHandlers(ctx: EngineContext): HandlerGroup<'openLogFolder'> {
  return {
    openLogFolder: () => {
      const path = ctx.opts.logFolder ?? null
      return path === null
        ? { path, opened: false, message: 'No log file: this engine runs without a data dir (--no-persist)' }
        : { path, opened: false, message: `The log file market-data-monitor.log is in ${path}` }
    }
  }
}
