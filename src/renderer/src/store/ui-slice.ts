import { DEFAULT_TAPE_FILTER, type TapeFilter } from '../tape/tape-model'
import type { Slice } from './types'

/** In navigation order; the digit keys 1–7 follow it. */
export const VIEWS = [
  { id: 'connection', label: 'Connection' },
  { id: 'tape', label: 'Trade tape' },
  { id: 'storage', label: 'Storage' },
  { id: 'logs', label: 'Logs' },
  { id: 'debug', label: 'Debug' },
  { id: 'settings', label: 'Settings' },
  { id: 'checklist', label: 'Checklist' }
] as const

export type ViewId = (typeof VIEWS)[number]['id']
export type Theme = 'dark' | 'light'

export interface TapePrefs extends TapeFilter {
  /** Rows at or above this notional (quote currency) are highlighted; 0: off. */
  largeNotional: number
}

export interface UiSlice {
  view: ViewId
  theme: Theme
  tapePrefs: TapePrefs
  tapePaused: boolean
  helpOpen: boolean
  setView(view: ViewId): void
  setTheme(theme: Theme): void
  toggleTheme(): void
  setTapePrefs(patch: Partial<TapePrefs>): void
  setTapePaused(paused: boolean): void
  toggleTapePaused(): void
  setHelpOpen(open: boolean): void
}

export const DEFAULT_TAPE_PREFS: TapePrefs = { ...DEFAULT_TAPE_FILTER, largeNotional: 50_000 }

/** What survives a reload: theme and tape preferences (not pause, not the view). */
export interface PersistedUi {
  theme: Theme
  tapePrefs: TapePrefs
}

export const createUiSlice =
  (initial: Partial<PersistedUi> = {}): Slice<UiSlice> =>
  (set) => ({
    view: 'connection',
    theme: initial.theme ?? 'dark',
    tapePrefs: { ...DEFAULT_TAPE_PREFS, ...initial.tapePrefs },
    tapePaused: false,
    helpOpen: false,
    setView: (view) => set({ view }),
    setTheme: (theme) => set({ theme }),
    toggleTheme: () => set((s) => ({ theme: s.theme === 'dark' ? 'light' : 'dark' })),
    setTapePrefs: (patch) => set((s) => ({ tapePrefs: { ...s.tapePrefs, ...patch } })),
    setTapePaused: (tapePaused) => set({ tapePaused }),
    toggleTapePaused: () => set((s) => ({ tapePaused: !s.tapePaused })),
    setHelpOpen: (helpOpen) => set({ helpOpen })
  })
