// The engine's one change queue: every change to what the collectors run (settings, pause and resume,
// engine and collector restarts, engine start and stop) runs alone, in arrival order, so no change
// starts while another still stops or rebuilds the collectors. A failed change does not block the next.

export type Serial = <T>(change: () => Promise<T> | T) => Promise<T>

export function changeQueue(): Serial {
  let tail: Promise<unknown> = Promise.resolve()
  return <T>(change: () => Promise<T> | T): Promise<T> => {
    const run = tail.then(change)
    tail = run.catch(() => undefined)
    return run
  }
}
