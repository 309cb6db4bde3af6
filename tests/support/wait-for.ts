// The one deadline poller for every test: no sleeps, no hand-rolled loops.

export interface WaitOptions {
  /** Named in the timeout error. */
  what?: string
  /** Default 5000. */
  timeoutMs?: number
  /** Default 10. */
  intervalMs?: number
}

/** What a poll resolves with: the probe's value once it is truthy. */
export type Truthy<T> = Exclude<T, null | undefined | false | 0 | ''>

/**
 * Polls `cond` until it returns a truthy value (returned) or the deadline passes (throws, naming
 * `what` and the last error `cond` threw, if any).
 */
export async function waitFor<T>(cond: () => T | Promise<T>, opts: WaitOptions = {}): Promise<Truthy<T>> {
  const timeoutMs = opts.timeoutMs ?? 5000
  const intervalMs = opts.intervalMs ?? 10
  const deadline = Date.now() + timeoutMs
  let last: unknown
  for (;;) {
    try {
      const v = await cond()
      if (v) return v as Truthy<T>
      last = v
    } catch (e) {
      last = e
    }
    if (Date.now() > deadline) {
      const detail = last instanceof Error ? `: ${last.message}` : ''
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${opts.what ?? 'condition'}${detail}`)
    }
    await new Promise((r) => setTimeout(r, intervalMs))
  }
}

/** Active handles other than stdio and the ones the test runner itself keeps. */
export function openResources(): string[] {
  return process.getActiveResourcesInfo().filter((r) => r !== 'TTYWrap' && r !== 'PipeWrap')
}
