import { useState } from 'react'
import type { SettingsPatch } from '../../../shared/settings'
import { errorMessage } from '../../../shared/guards'
import { useServices } from '../app-context'
import { appStore } from '../store'

/** A settings panel's apply-at-once: sends one patch, stores the answer, keeps the refusal to show. */
export function useSettingsApply(): { busy: boolean; error: string | null; apply: (patch: SettingsPatch) => void } {
  const { api } = useServices()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const apply = (patch: SettingsPatch): void => {
    setBusy(true)
    setError(null)
    api
      .updateSettings(patch)
      .then(
        (next) => appStore.getState().setSettings(next),
        (err: unknown) => setError(errorMessage(err))
      )
      .finally(() => setBusy(false))
  }
  return { busy, error, apply }
}
