import { DEFAULT_TAPE_FILTER, type TapeFilter } from '../tape/tape-model'
import type { Slice } from './types'

/** In navigation order; the digit keys 1–8 follow it. */
export const VIEWS = [
  { id: 'connection', label: 'Connection' },
  { id: 'tape', label: 'Trade tape' },
  { id: 'storage', label: 'Storage' },
  { id: 'logs', label: 'Logs' },
  { id: 'debug', label: 'Debug' },
  { id: 'settings', label: 'Settings' },
  { id: 'checklist', label: 'Checklist' },
  { id: 'symbols', label: 'Symbols' }
] as const

export type ViewId = (typeof VIEWS)[number]['id']
export type Theme = 'dark' | 'light'

export interface TapePrefs extends TapeFilter {
  /** Rows at or above this notional (quote currency) are highlighted; 0: off. */
  largeNotional: number
}

/** Opt-in sound alerts: a tone per large trade (the tape's highlight threshold), one when the feed goes down. */
export interface SoundPrefs {
  enabled: boolean
  /** Master volume, 0–1. */
  volume: number
  /** Tones for feed down / back (the notification threshold decides when). */
  feed: boolean
}

/** What the sound alerts did, for the Settings panel. */
export interface SoundStats {
  played: number
  /** Large trades that got no tone of their own: folded into one, or inside the rate limit. */
  folded: number
  /** The last thing that sounded, in words. */
  last: string | null
}

export interface UiSlice {
  view: ViewId
  theme: Theme
  tapePrefs: TapePrefs
  soundPrefs: SoundPrefs
  soundStats: SoundStats
  tapePaused: boolean
  helpOpen: boolean
  setView(view: ViewId): void
  setTheme(theme: Theme): void
  toggleTheme(): void
  setTapePrefs(patch: Partial<TapePrefs>): void
  setSoundPrefs(patch: Partial<SoundPrefs>): void
  setSoundStats(stats: SoundStats): void
  setTapePaused(paused: boolean): void
  toggleTapePaused(): void
  setHelpOpen(open: boolean): void
}

export const DEFAULT_TAPE_PREFS: TapePrefs = { ...DEFAULT_TAPE_FILTER, largeNotional: 50_000 }
export const DEFAULT_SOUND_PREFS: SoundPrefs = { enabled: false, volume: 0.5, feed: true }

/** What survives a reload and a restart of the desktop app: the view, theme, tape and sound preferences (not pause). */
export interface PersistedUi {
  view: ViewId
  theme: Theme
  tapePrefs: TapePrefs
  soundPrefs: SoundPrefs
}

export const createUiSlice =
  (initial: Partial<PersistedUi> = {}): Slice<UiSlice> =>
  (set) => ({
    view: initial.view ?? 'connection',
    theme: initial.theme ?? 'dark',
    tapePrefs: { ...DEFAULT_TAPE_PREFS, ...initial.tapePrefs },
    soundPrefs: { ...DEFAULT_SOUND_PREFS, ...initial.soundPrefs },
    soundStats: { played: 0, folded: 0, last: null },
    tapePaused: false,
    helpOpen: false,
    setView: (view) => set({ view }),
    setTheme: (theme) => set({ theme }),
    toggleTheme: () => set((s) => ({ theme: s.theme === 'dark' ? 'light' : 'dark' })),
    setTapePrefs: (patch) => set((s) => ({ tapePrefs: { ...s.tapePrefs, ...patch } })),
    setSoundPrefs: (patch) => set((s) => ({ soundPrefs: { ...s.soundPrefs, ...patch } })),
    setSoundStats: (soundStats) => set({ soundStats }),
    setTapePaused: (tapePaused) => set({ tapePaused }),
    toggleTapePaused: () => set((s) => ({ tapePaused: !s.tapePaused })),
    setHelpOpen: (helpOpen) => set({ helpOpen })
  })
