import type { StateCreator } from 'zustand/vanilla'
import type { ConnectionSlice } from './connection-slice'
import type { GapsSlice } from './gaps-slice'
import type { LogsSlice } from './logs-slice'
import type { SettingsSlice } from './settings-slice'
import type { StorageSlice } from './storage-slice'
import type { UiSlice } from './ui-slice'

export type AppState = ConnectionSlice & StorageSlice & LogsSlice & SettingsSlice & UiSlice & GapsSlice

export type Slice<T> = StateCreator<AppState, [], [], T>
