// The app's store instance and its React hook.

import { useStore } from 'zustand'
import { loadUiPrefs, persistUiPrefs } from './persist'
import { createAppStore } from './store'
import type { AppState } from './types'

const storage = typeof localStorage === 'undefined' ? undefined : localStorage

export const appStore = createAppStore(loadUiPrefs(storage))
export const stopPersisting = persistUiPrefs(appStore, storage)

export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(appStore, selector)
}

export type { AppState }
