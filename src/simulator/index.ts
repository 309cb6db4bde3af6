// The local Bybit V5 simulator (WS + REST): see notes in types.ts for the programmatic surface.
export { startSimulator } from './server'
export { parseReplay, loadReplay } from './replay'
export { DEFAULT_SYMBOLS } from './instruments'
export { DEFAULT_INSTRUMENT_COUNTS, INSTRUMENT_STATUSES, type InstrumentStatus } from './catalog'
export type { SimStatsSnapshot, RejectReason, RefuseReason } from './stats'
export { SIM_CATEGORIES } from './types'
export type {
  SentTrade,
  SimCategory,
  SimulatorFaults,
  SimulatorHandle,
  SimulatorInstruments,
  SimulatorOptions
} from './types'
