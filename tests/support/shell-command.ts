// What makes a suggested command pasteable: the commands a fix hint or diagnostics advice quotes in
// backticks are split the way a POSIX shell would (quotes, pipes), and each program's words are
// checked for the shape that program accepts. A problem is returned as a sentence; none: pasteable.

import { isIP } from 'node:net'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { CommandName } from '../../src/main/host/flags/commands'
import { parseCommandLine } from '../../src/main/host/flags/parse-command-line'
import { REPO_ROOT } from './fixtures'

interface Word {
  text: string
  /** Some of it was inside quotes: shell metacharacters there are literal. */
  quoted: boolean
}

/** The commands a text quotes in backticks, outside fenced code blocks. */
export function quotedCommands(text: string): string[] {
  const prose = text.replace(/```[\s\S]*?```/g, '')
  return [...prose.matchAll(/`([^`\n]+)`/g)].map((m) => m[1])
}

/** Splits a command line into pipeline stages of words; throws on an unbalanced quote or a bare metacharacter. */
export function shellStages(command: string): Word[][] {
  const stages: Word[][] = [[]]
  let word: Word | null = null
  let quote: '"' | "'" | null = null
  const stage = (): Word[] => stages[stages.length - 1]
  for (const ch of command) {
    if (quote !== null) {
      if (ch === quote) quote = null
      else word!.text += ch
      continue
    }
    if (ch === '"' || ch === "'") {
      word ??= { text: '', quoted: false }
      word.quoted = true
      quote = ch
    } else if (ch === ' ') {
      if (word) stage().push(word)
      word = null
    } else if (ch === '|') {
      if (word) stage().push(word)
      word = null
      stages.push([])
    } else if (/[&;<>()*?[\]{}$\\!#~]/.test(ch)) {
      throw new Error(`bare shell metacharacter ${JSON.stringify(ch)}`)
    } else {
      word ??= { text: '', quoted: false }
      word.text += ch
    }
  }
  if (quote !== null) throw new Error(`unbalanced ${quote}`)
  if (word) stage().push(word)
  if (stages.some((s) => s.length === 0)) throw new Error('empty pipeline stage')
  return stages
}

const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i

function isHost(text: string): boolean {
  return isIP(text) !== 0 || HOST_NAME.test(text)
}

function isPort(text: string): boolean {
  return /^\d{1,5}$/.test(text) && Number(text) >= 1 && Number(text) <= 65535
}

function httpUrl(text: string): string | null {
  try {
    const u = new URL(text)
    return u.protocol === 'http:' || u.protocol === 'https:' ? null : `not an http(s) URL: ${text}`
  } catch {
    return `not a URL: ${text}`
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

const SCRIPTS = (
  JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts

/** The flags an npm script's CLI rejects, as its one-line message; null: accepted (the one flag table decides). */
function flagProblem(command: CommandName, flags: string[]): string | null {
  const r = parseCommandLine(command, flags, {})
  return r.kind === 'error' ? `${r.error.code}: ${r.error.message}` : null
}

/** Flags each npm script's CLI parses; null: accepted. */
const NPM_FLAGS: Record<string, (flags: string[]) => string | null> = {
  simulator: (flags) => flagProblem('simulator', flags),
  serve: (flags) => flagProblem('serve', flags),
  doctor: (flags) => flagProblem('doctor', flags)
}

/** The shape each suggested program must have; null: fine. */
const PROGRAMS: Record<string, (args: Word[]) => string | null> = {
  getent: (a) => (a.length === 2 && a[0].text === 'hosts' && isHost(a[1].text) ? null : 'want: getent hosts HOSTNAME'),
  nslookup: (a) => (a.length === 1 && isHost(a[0].text) ? null : 'want: nslookup HOSTNAME'),
  nc: (a) =>
    a.length === 3 && a[0].text === '-vz' && isHost(a[1].text) && isPort(a[2].text) ? null : 'want: nc -vz HOST PORT',
  openssl: (a) => {
    const m = /^(\[([^\]]+)\]|[^:]+):(\d+)$/.exec(a[2]?.text ?? '')
    const host = m?.[2] ?? m?.[1] ?? ''
    const sni = a.length === 5 && a[3].text === '-servername' && HOST_NAME.test(a[4].text) && isIP(host) === 0
    const ok = a[0]?.text === 's_client' && a[1]?.text === '-connect' && isHost(host) && isPort(m?.[3] ?? '')
    return ok && (sni || (a.length === 3 && isIP(host) !== 0))
      ? null
      : 'want: openssl s_client -connect HOST:PORT -servername HOST (no -servername for an IP)'
  },
  curl: (a) => {
    const urls: Word[] = []
    for (let i = 0; i < a.length; i++) {
      const w = a[i].text
      if (w === '-d') {
        // A request body: quoted whole, and JSON (the only bodies the mirror takes).
        const body = a[i + 1]
        if (body === undefined || !body.quoted) return '-d needs a quoted body'
        if (!isJson(body.text)) return `-d body is not JSON: ${body.text}`
        i++
      } else if (['-X', '-H', '-o', '-w', '-x', '--proxy-user'].includes(w)) {
        if (a[i + 1] === undefined) return `${w} needs a value`
        i++
      } else if (/^-[siNS]+$/.test(w)) continue
      else if (w.startsWith('-')) return `unexpected curl option ${w}`
      else urls.push(a[i])
    }
    if (urls.length !== 1) return `want one URL, got ${urls.length}`
    if (/[?&]/.test(urls[0].text) && !urls[0].quoted) return `a URL with ? or & must be quoted: ${urls[0].text}`
    return httpUrl(urls[0].text)
  },
  npm: (a) => {
    if (a[0]?.text !== 'run' || a[1] === undefined) return 'want: npm run SCRIPT [-- FLAGS]'
    const script = a[1].text
    if (!(script in SCRIPTS)) return `no npm script "${script}" in package.json`
    if (a.length === 2) return null
    if (a[2].text !== '--') return 'flags for an npm script come after --'
    const check = NPM_FLAGS[script]
    return check ? check(a.slice(3).map((w) => w.text)) : `no flag check for npm run ${script}`
  },
  python3: (a) => (a.map((w) => w.text).join(' ') === '-m json.tool' ? null : 'want: python3 -m json.tool'),
  grep: (a) => {
    const rest = a[0]?.text === '-E' ? a.slice(1) : a
    return rest.length === 1 && rest[0].quoted ? null : 'want: grep [-E] "PATTERN" (reading a pipe)'
  },
  watch: (a) =>
    a.length === 2 && a[0].text === '-n1' && a[1].quoted
      ? (commandProblem(a[1].text) ?? null)
      : 'want: watch -n1 "COMMAND"',
  ss: (a) =>
    a.length === 2 && a[0].text === '-ltnp' && /^sport = :\d+$/.test(a[1].text)
      ? null
      : 'want: ss -ltnp "sport = :PORT"'
}

/** Why a command cannot be pasted as it is, or null when it can. */
export function commandProblem(command: string): string | null {
  let stages: Word[][]
  try {
    stages = shellStages(command)
  } catch (e) {
    return (e as Error).message
  }
  for (const [program, ...args] of stages) {
    const check = PROGRAMS[program.text]
    if (!check) return `unknown program ${program.text}`
    const problem = check(args)
    if (problem !== null) return problem
  }
  return null
}

/** The program each stage of a command runs (`curl … | python3 …` → curl, python3). */
export function programsOf(command: string): string[] {
  return shellStages(command).map((s) => s[0].text)
}
