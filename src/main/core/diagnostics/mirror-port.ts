// "Who holds the mirror's port?": a TCP connect says whether something listens; on Linux the socket
// table (/proc/net/tcp*) gives the listening socket's inode and /proc/<pid>/fd finds its owner.

import { readdir, readFile, readlink } from 'node:fs/promises'
import { Socket } from 'node:net'
import type { MirrorPortCheck, MirrorPortHolder, MirrorStatus } from '../../../shared/dto'

const TCP_LISTEN = '0A'

export function isListening(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const s = new Socket()
    const done = (v: boolean): void => {
      s.destroy()
      resolve(v)
    }
    s.setTimeout(timeoutMs, () => done(false))
    s.once('error', () => done(false))
    s.connect({ host, port }, () => done(true))
  })
}

/** Inodes of sockets listening on `port` (any address), from /proc/net/tcp and tcp6. */
async function listeningInodes(port: number): Promise<string[]> {
  const inodes: string[] = []
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string
    try {
      text = await readFile(file, 'utf8')
    } catch {
      continue
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/)
      if (cols.length < 10) continue
      const localPort = parseInt(cols[1].split(':')[1] ?? '', 16)
      if (localPort === port && cols[3] === TCP_LISTEN) inodes.push(cols[9])
    }
  }
  return inodes
}

async function ownerOf(inodes: string[]): Promise<MirrorPortHolder | null> {
  const wanted = new Set(inodes.map((i) => `socket:[${i}]`))
  let pids: string[]
  try {
    pids = (await readdir('/proc')).filter((p) => /^\d+$/.test(p))
  } catch {
    return null
  }
  for (const pid of pids) {
    let fds: string[]
    try {
      fds = await readdir(`/proc/${pid}/fd`)
    } catch {
      continue // another user's process: not readable without privileges
    }
    for (const fd of fds) {
      let target: string
      try {
        target = await readlink(`/proc/${pid}/fd/${fd}`)
      } catch {
        continue
      }
      if (!wanted.has(target)) continue
      let command: string | null
      try {
        command = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').filter(Boolean).join(' ').slice(0, 300)
      } catch {
        command = null // the process exited meanwhile
      }
      return { pid: Number(pid), command }
    }
  }
  return null
}

export interface MirrorPortInput {
  host: string
  port: number
  mirror: MirrorStatus
  pid?: number
}

export async function checkMirrorPort(input: MirrorPortInput): Promise<MirrorPortCheck> {
  const { host, port, mirror } = input
  const ownPid = input.pid ?? process.pid
  const ours = mirror.state === 'listening' && mirror.port === port
  const listening = await isListening(host, port)
  const base = { host, port, listening, ours }
  if (!listening) {
    const note = mirror.state === 'port_busy' ? ' (it was busy when the mirror started; start the mirror again)' : ''
    return {
      ...base,
      ok: true,
      holder: null,
      detail: 'nothing listens there',
      message: `Port ${port} on ${host} is free${note}.`
    }
  }
  if (ours)
    return {
      ...base,
      ok: true,
      holder: { pid: ownPid, command: null },
      detail: "this engine's mirror is listening",
      message: `Port ${port} is held by this app's mirror (${mirror.url ?? host}).`
    }
  if (process.platform !== 'linux')
    return {
      ...base,
      ok: false,
      holder: null,
      detail: `finding the owner needs /proc (Linux); on ${process.platform} run: lsof -nP -iTCP:${port} -sTCP:LISTEN`,
      message: `Port ${port} is held by another process; the mirror cannot use it.`
    }
  const inodes = await listeningInodes(port)
  const holder = inodes.length > 0 ? await ownerOf(inodes) : null
  if (holder === null)
    return {
      ...base,
      ok: false,
      holder: null,
      detail:
        inodes.length === 0
          ? 'no listening socket for it in /proc/net/tcp (another network namespace or container?)'
          : `listening socket inode ${inodes.join(', ')} belongs to a process this user cannot inspect; try: sudo ss -ltnp 'sport = :${port}'`,
      message: `Port ${port} is held by another process; the mirror cannot use it.`
    }
  const who =
    holder.pid === ownPid
      ? `this process (pid ${holder.pid}), but not its mirror`
      : `pid ${holder.pid}${holder.command ? ` (${holder.command})` : ''}`
  return {
    ...base,
    ok: false,
    holder,
    detail: `found via /proc/net/tcp and /proc/${holder.pid}/fd`,
    message: `Port ${port} is held by ${who}; stop it or start the mirror with another --port.`
  }
}
