import { useCallback, useEffect, useRef, useState } from 'react'
import { errorMessage } from '../../../shared/guards'

export interface Polled<T> {
  data: T | null
  error: string | null
  loading: boolean
  /** Runs the load now (the "Re-run" button); resolves when it is done. */
  reload(): Promise<void>
}

/** Loads `load()` now and every `everyMs` while mounted and `live`; the interval is cleared on unmount. */
export function usePoll<T>(load: () => Promise<T>, everyMs: number, live = true): Polled<T> {
  const [state, setState] = useState<{ data: T | null; error: string | null; loading: boolean }>({
    data: null,
    error: null,
    loading: true
  })
  const mounted = useRef(true)
  const loadRef = useRef(load)
  useEffect(() => {
    loadRef.current = load
  })
  const reload = useCallback(async (): Promise<void> => {
    setState((s) => ({ ...s, loading: true }))
    try {
      const data = await loadRef.current()
      if (mounted.current) setState({ data, error: null, loading: false })
    } catch (err) {
      if (mounted.current) setState((s) => ({ ...s, loading: false, error: errorMessage(err) }))
    }
  }, [])
  useEffect(() => {
    mounted.current = true
    void reload()
    if (!live) return () => void (mounted.current = false)
    const id = setInterval(() => void reload(), everyMs)
    return () => {
      mounted.current = false
      clearInterval(id)
    }
  }, [reload, everyMs, live])
  return { ...state, reload }
}
