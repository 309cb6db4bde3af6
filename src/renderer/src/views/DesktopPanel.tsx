import { useState } from 'react'
import type { Settings } from '../../../shared/settings'
import { useServices } from '../app-context'
import { ErrorBanner, Panel } from '../components/ui'
import { appStore } from '../store'
import { errorMessage } from '../../../shared/guards'

type DesktopKey = keyof Settings['desktop']

const OPTIONS: { key: DesktopKey; label: string; hint: string }[] = [
  {
    key: 'quitOnClose',
    label: 'Quit when the window closes',
    hint: 'Off: closing the window keeps collecting, with an icon in the tray (Show, Pause/Resume, Quit).'
  },
  {
    key: 'launchAtLogin',
    label: 'Launch at login',
    hint: 'Starts the monitor when you log in (macOS and Windows; on Linux, add it to your startup applications).'
  }
]

/** The desktop app's own settings, applied at once; the browser UI has no window or tray to set. */
export function DesktopPanel({ settings }: { settings: Settings }) {
  const { api } = useServices()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  if (api.transport !== 'electron') return null

  const set = (key: DesktopKey, value: boolean): void => {
    setBusy(true)
    setError(null)
    api
      .updateSettings({ desktop: { [key]: value } })
      .then(
        (next) => appStore.getState().setSettings(next),
        (err: unknown) => setError(errorMessage(err))
      )
      .finally(() => setBusy(false))
  }

  return (
    <Panel title="Desktop app" testId="desktop-panel">
      {OPTIONS.map((o) => (
        <label key={o.key} className="check" title={o.hint}>
          <input
            type="checkbox"
            checked={settings.desktop[o.key]}
            disabled={busy}
            onChange={(e) => set(o.key, e.target.checked)}
            data-testid={`desktop-${o.key}`}
          />
          <span>
            {o.label}
            <span className="muted small"> {o.hint}</span>
          </span>
        </label>
      ))}
      <ErrorBanner error={error} />
    </Panel>
  )
}
