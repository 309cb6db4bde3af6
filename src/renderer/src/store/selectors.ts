// Module-level selectors: stable identities, so components re-render only when their slice changes.

import type { CollectorStatus } from '../../../shared/dto'
import type { AppState } from './types'

export const selectReady = (s: AppState): boolean => s.ready
export const selectView = (s: AppState) => s.view
export const selectTheme = (s: AppState) => s.theme
export const selectTransport = (s: AppState) => s.transport
export const selectReachability = (s: AppState) => s.reachability
export const selectEngineError = (s: AppState) => s.engineError
export const selectNextSnapshotAt = (s: AppState) => s.nextSnapshotAt
export const selectCollectorsMap = (s: AppState) => s.collectors
export const selectHealth = (s: AppState) => s.health
export const selectRuntime = (s: AppState) => s.runtime
export const selectMirror = (s: AppState) => s.mirror
export const selectStats = (s: AppState) => s.stats
export const selectSamples = (s: AppState) => s.samples
export const selectLogs = (s: AppState) => s.logs
export const selectLogLevel = (s: AppState) => s.logLevel
export const selectLogSearch = (s: AppState) => s.logSearch
export const selectLogPreset = (s: AppState) => s.logPreset
export const selectLogCode = (s: AppState) => s.logCode
export const selectSettings = (s: AppState) => s.settings
export const selectTapePrefs = (s: AppState) => s.tapePrefs
export const selectTapePaused = (s: AppState) => s.tapePaused
export const selectHelpOpen = (s: AppState) => s.helpOpen
export const selectGaps = (s: AppState) => s.gaps
export const selectStreamDropped = (s: AppState) => s.streamDropped

export function collectorList(collectors: Record<string, CollectorStatus>): CollectorStatus[] {
  return Object.values(collectors).sort((a, b) => a.name.localeCompare(b.name))
}

export { feedState, type FeedState } from '../../../shared/feed-state'
