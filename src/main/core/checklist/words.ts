// Small phrasing helpers so every item's evidence reads the same way: absolute time plus age.

export function isoTime(at: number): string {
  return new Date(at).toISOString()
}

/** `2026-11-28T11:25:42.123Z (3.2 s ago)`. */
export function at(at: number, now: number): string {
  return `${isoTime(at)} (${ago(at, now)})`
}

export function ago(at: number, now: number): string {
  const ms = Math.max(0, now - at)
  if (ms < 1000) return `${ms} ms ago`
  if (ms < 120_000) return `${(ms / 1000).toFixed(1)} s ago`
  if (ms < 2 * 3600_000) return `${Math.round(ms / 60_000)} min ago`
  return `${(ms / 3600_000).toFixed(1)} h ago`
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`
}

/** `wss://host/path` → `https://host/path`: what curl needs to try the upgrade by hand. */
export function httpFormOf(wsUrl: string): string {
  return wsUrl.replace(/^ws(s?):/i, 'http$1:')
}
