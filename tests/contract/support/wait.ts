// Deadline polling instead of sleeps.
import { waitFor as waitUntil } from '../../support/wait-for'

/** The shared deadline poller, in this folder's (what, probe, timeout) argument order. */
export function waitFor<T>(
  what: string,
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  timeoutMs = 10_000,
  everyMs = 25
): Promise<T> {
  return waitUntil(probe, { what, timeoutMs, intervalMs: everyMs }) as Promise<T>
}
