import type { Settings } from '../../../shared/settings'
import type { Slice } from './types'

export interface SettingsSlice {
  settings: Settings | null
  setSettings(settings: Settings): void
}

export const createSettingsSlice: Slice<SettingsSlice> = (set) => ({
  settings: null,
  setSettings: (settings) => set({ settings })
})
