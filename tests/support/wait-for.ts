/** Polls `cond` until it returns a truthy value (returned) or the deadline passes (throws, naming `what`). */
export async function waitFor<T>(
  cond: () => T | Promise<T>,
  opts: { timeoutMs?: number; intervalMs?: number; what?: string } = {}
): Promise<NonNullable<T>> {
  const timeoutMs = opts.timeoutMs ?? 5000
  const intervalMs = opts.intervalMs ?? 10
  const deadline = Date.now() + timeoutMs
  let last: unknown
  for (;;) {
    try {
      const v = await cond()
      if (v) return v as NonNullable<T>
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

/** `waitFor` in (what, probe, timeout) argument order, as the contract and mirror tests call it. */
export function waitForValue<T>(
  what: string,
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  timeoutMs = 10_000,
  everyMs = 25
): Promise<T> {
  return waitFor(probe, { what, timeoutMs, intervalMs: everyMs }) as Promise<T>
}

/** Active handles other than stdio and the ones the test runner itself keeps. */
export function openResources(): string[] {
  return process.getActiveResourcesInfo().filter((r) => r !== 'TTYWrap' && r !== 'PipeWrap')
}
