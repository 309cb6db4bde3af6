// When the desktop app dies at start because Chromium's sandbox is unusable on this Linux system,
// Chromium's own words ("No usable sandbox!") do not say what to do. These are the signatures it
// prints, and the explanation `npm start` prints after them (also in docs/troubleshooting.md).

/** Chromium's messages for each way its Linux sandbox can be unusable. */
const SIGNATURES: readonly RegExp[] = [
  /The SUID sandbox helper binary was found, but is not configured correctly/,
  /No usable sandbox!/,
  /Failed to move to new namespace: .*(Operation not permitted|Permission denied)/,
  /setuid sandbox.*(not (found|configured))/i
]

/** `... You need to make sure that /x/chrome-sandbox is owned by root and has mode 4755.` */
const HELPER_PATH = /make sure that (\S+chrome-sandbox) is owned by root/

export interface SandboxFailure {
  /** The SUID helper Chromium named, when it named one. */
  helper: string | null
}

export function findSandboxFailure(stderr: string): SandboxFailure | null {
  if (!SIGNATURES.some((re) => re.test(stderr))) return null
  return { helper: HELPER_PATH.exec(stderr)?.[1] ?? null }
}

export function sandboxHelp(failure: SandboxFailure): string {
  const helper = failure.helper ?? 'node_modules/electron/dist/chrome-sandbox'
  return [
    '',
    "Market Data Monitor could not start: Chromium's sandbox is not usable on this Linux system.",
    'Electron sandboxes every window, and needs one of these two:',
    '  1. Unprivileged user namespaces (the usual way). Check: `sysctl kernel.unprivileged_userns_clone`',
    '     (Debian: must be 1) and, on Ubuntu 23.10 and later, `sysctl kernel.apparmor_restrict_unprivileged_userns`',
    '     (1 blocks them unless an AppArmor profile allows this Electron binary).',
    '  2. The SUID sandbox helper, owned by root with mode 4755:',
    `       sudo chown root:root ${helper} && sudo chmod 4755 ${helper}`,
    'Do not run it with --no-sandbox. Without a desktop sandbox, `npm run serve` runs the same monitor',
    'headless, with the UI at http://127.0.0.1:8000/.',
    'More: docs/troubleshooting.md, "The desktop app does not start on Linux (the Chromium sandbox)".',
    ''
  ].join('\n')
}

/** Watches a stream of stderr chunks (a message may arrive split) for a sandbox failure. */
export class SandboxWatch {
  private text = ''
  private found: SandboxFailure | null = null

  /** Keeps the tail only: the messages are one line each. */
  feed(chunk: string): void {
    if (this.found) return
    this.text = (this.text + chunk).slice(-8_192)
    this.found = findSandboxFailure(this.text)
  }

  get failure(): SandboxFailure | null {
    return this.found
  }
}
