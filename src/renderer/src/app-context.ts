import { createContext, useContext } from 'react'
import type { MonitorApi } from './api/types'
import type { ToneOutput } from './sound/audio-out'
import type { SyncHandle } from './sync/engine-sync'
import type { TapeModel } from './tape/tape-model'

/** The long-lived non-React parts the views use: the Api, the tape, the sync loop and the speaker. */
export interface AppServices {
  api: MonitorApi
  tape: TapeModel
  sync: SyncHandle
  audio: ToneOutput
}

export const ServicesContext = createContext<AppServices | null>(null)

export function useServices(): AppServices {
  const services = useContext(ServicesContext)
  if (!services) throw new Error('useServices outside <ServicesContext.Provider>')
  return services
}
