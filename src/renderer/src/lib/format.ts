// Display formatting in one place: numbers a trader reads at a glance, exact prices untouched.

const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })
const dec1 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })

export function fmtInt(n: number | null | undefined): string {
  return n === null || n === undefined || !Number.isFinite(n) ? '—' : int.format(n)
}

export function fmtRate(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—'
  return n >= 100 ? int.format(n) : dec1.format(n)
}

export function fmtMs(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—'
  return n >= 100 ? `${int.format(n)} ms` : `${dec1.format(n)} ms`
}

/** Milliseconds as ms below 10 s and as seconds above: 42.0 ms, 1,250 ms, 63.5 s. */
export function fmtMsOrS(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—'
  return n >= 10_000 ? `${dec1.format(n / 1000)} s` : fmtMs(n)
}

/** The latency bounds a quantile reading needs (a subset of the status DTO's LatencySummary). */
export interface LatencyReading {
  p50_ms: number | null
  p99_ms: number | null
  p50_beyond_top: boolean
  p99_beyond_top: boolean
  top_ms: number
}

/**
 * A latency quantile as the user should read it: past the histogram's top bucket the value is only
 * known to exceed that bound, so it says "> 10 s" rather than a number the histogram never measured.
 */
export function fmtLatency(l: LatencyReading, q: 'p50' | 'p99'): string {
  const beyond = q === 'p50' ? l.p50_beyond_top : l.p99_beyond_top
  if (beyond) return `> ${fmtMsOrS(l.top_ms).replace('.0 s', ' s')}`
  return fmtMs(q === 'p50' ? l.p50_ms : l.p99_ms)
}

export function fmtBytes(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—'
  const units = ['B', 'KiB', 'MiB', 'GiB']
  let v = n
  let i = 0
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024
    i++
  }
  return i === 0 ? `${int.format(v)} B` : `${dec1.format(v)} ${units[i]}`
}

export function fmtPercent(part: number, whole: number): string {
  if (!whole) return '0%'
  const p = (part / whole) * 100
  return p > 0 && p < 0.1 ? '<0.1%' : `${dec1.format(p)}%`
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n))
const pad3 = (n: number): string => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : String(n))

/** Local wall-clock time with milliseconds: 11:25:42.123. */
export function fmtClockMs(ms: number): string {
  const d = new Date(ms)
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}.${pad3(d.getMilliseconds())}`
}

export function fmtClock(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—'
  const d = new Date(ms)
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`
}

/** The printed log line's timestamp: 2026-11-28 11:25:42,123 (what the guide's greps see). */
export function fmtLogTime(ms: number): string {
  const d = new Date(ms)
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${fmtClockMs(ms).replace('.', ',')}`
}

/** 3d 4h, 2h 05m, 4m 09s, 12s. */
export function fmtDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—'
  const s = Math.max(0, Math.floor(ms / 1000))
  const d = Math.floor(s / 86400)
  const h = Math.floor((s % 86400) / 3600)
  const m = Math.floor((s % 3600) / 60)
  const sec = s % 60
  if (d > 0) return `${d}d ${h}h`
  if (h > 0) return `${h}h ${pad2(m)}m`
  if (m > 0) return `${m}m ${pad2(sec)}s`
  return `${sec}s`
}

/** "4s ago", "never". */
export function fmtAgo(at: number | null | undefined, now: number): string {
  if (at === null || at === undefined) return 'never'
  const d = now - at
  if (d < 1000) return 'just now'
  return `${fmtDuration(d)} ago`
}
