// A tiny tmpfs for the disk-full and read-only tests: a real file system that really fills up or
// really refuses writes. Mounting needs root (CAP_SYS_ADMIN); where it is refused, the tests that
// need it skip and say why (the injected-ENOSPC test still runs).

import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

function probe(): string | null {
  if (process.platform !== 'linux') return 'tmpfs mounts need Linux'
  if (process.getuid?.() !== 0) return 'mounting a tmpfs needs root'
  const dir = mkdtempSync(path.join(tmpdir(), 'mdm-tmpfs-probe-'))
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir], { stdio: 'pipe' })
    execFileSync('umount', [dir], { stdio: 'pipe' })
    return null
  } catch (e) {
    return `mount -t tmpfs was refused here: ${(e as Error).message.split('\n')[0]}`
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** null when a tmpfs can be mounted, else the reason it cannot. */
export const TMPFS_UNAVAILABLE = probe()

export interface Tmpfs {
  dir: string
  remount(options: string): void
  unmount(): void
}

export function mountTmpfs(options: string): Tmpfs {
  const dir = mkdtempSync(path.join(tmpdir(), 'mdm-tmpfs-'))
  execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: 'pipe' })
  return {
    dir,
    remount: (o) => execFileSync('mount', ['-o', `remount,${o}`, dir], { stdio: 'pipe' }),
    unmount: () => {
      execFileSync('umount', [dir], { stdio: 'pipe' })
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
