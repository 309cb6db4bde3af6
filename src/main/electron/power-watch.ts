// After sleep the sockets are probably dead without knowing it: tell the engine on resume.

import { powerMonitor } from 'electron'

export function watchPower(onSuspend: () => void, onResume: () => void): () => void {
  powerMonitor.on('suspend', onSuspend)
  powerMonitor.on('resume', onResume)
  return () => {
    powerMonitor.off('suspend', onSuspend)
    powerMonitor.off('resume', onResume)
  }
}
