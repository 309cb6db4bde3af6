import { useCallback, useEffect, useRef, useState } from 'react'
import { errorMessage } from '../../../shared/guards'
import { PollSequence } from '../lib/poll-sequence'

export interface Polled<T> {
  data: T | null
  error: string | null
  loading: boolean
  /** Runs the load now (the "Re-run" button); resolves when it is done. */
  reload(): Promise<void>
}

/**
 * Loads `load()` now and every `everyMs` while mounted and `live`; the interval is cleared on
 * unmount. Turning `live` off holds what is shown: no load starts, and an answer to a load started
 * before is dropped; turning it on loads at once. Of overlapping loads only the newest answer shows.
 */
export function usePoll<T>(load: () => Promise<T>, everyMs: number, live = true): Polled<T> {
  const [state, setState] = useState<{ data: T | null; error: string | null; loading: boolean }>({
    data: null,
    error: null,
    loading: true
  })
  const sequence = useRef(new PollSequence())
  const answered = useRef(false)
  const loadRef = useRef(load)
  useEffect(() => {
    loadRef.current = load
  })
  const reload = useCallback(async (): Promise<void> => {
    const seq = sequence.current
    const id = seq.begin()
    setState((s) => ({ ...s, loading: true }))
    // a failed load keeps the data shown before it, beside the error
    const answer = await loadRef.current().then(
      (data) => ({ data, error: null }),
      (err: unknown) => ({ error: errorMessage(err) })
    )
    if (seq.shows(id)) {
      answered.current = true
      setState((s) => ({ ...s, ...answer, loading: false }))
    } else if (seq.isNewest(id)) setState((s) => ({ ...s, loading: false }))
  }, [])
  useEffect(() => {
    const seq = sequence.current
    // the first load runs even when paused from the start; a resume reloads at once
    if (live || !answered.current) void reload()
    if (!live) return () => seq.hold()
    const id = setInterval(() => void reload(), everyMs)
    return () => {
      seq.hold()
      clearInterval(id)
    }
  }, [reload, everyMs, live])
  return { ...state, reload }
}
