import { useState } from 'react'
import type { LogFolderResult } from '../../../shared/contract'
import { errorMessage } from '../../../shared/guards'
import { useServices } from '../app-context'

/**
 * The log file's folder (DATA_DIR/logs): the desktop app opens it in the file manager; a browser
 * cannot, so the engine's answer names the path, shown to copy.
 */
export function LogFolderButton() {
  const { api } = useServices()
  /** `none`: no log file (no data dir) — said plainly, it is not an error. */
  const [result, setResult] = useState<{ tone: 'ok' | 'none' | 'bad'; text: string } | null>(null)
  const desktop = api.transport === 'electron'
  const show = (): void => {
    api.openLogFolder().then(
      (r: LogFolderResult) => setResult({ tone: r.path === null ? 'none' : 'ok', text: r.message }),
      (err: unknown) => setResult({ tone: 'bad', text: errorMessage(err) })
    )
  }
  return (
    <span className="row gap">
      <button className="btn small" onClick={show} data-testid="open-log-folder">
        {desktop ? 'Open log folder' : 'Show log folder'}
      </button>
      {result ? (
        <span
          className={`action-result mono ${result.tone === 'none' ? 'muted' : result.tone}`}
          data-testid="log-folder-result"
        >
          {result.text}
        </span>
      ) : null}
    </span>
  )
}
