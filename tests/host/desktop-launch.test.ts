// `npm start`'s wrapper around electron-vite preview, over real child processes standing in for
// Electron: its stderr passes through, a Chromium sandbox failure is followed by what to do, the
// terminal is the child's own, and the wrapper's signals are passed on (SIGINT ignored).

import { EventEmitter } from 'node:events'
import { fstatSync } from 'node:fs'
import { Writable } from 'node:stream'
import { describe, expect, test } from 'vitest'
import { launchWatched } from '../../src/main/host/desktop-launch'
import { waitFor } from '../support/wait-for'

function sink(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = []
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk)
      done()
    }
  })
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') }
}

/** A child that prints like Electron does, stderr in pieces (a message may arrive split), then exits. */
async function run(stderrPieces: string[], exitCode: number) {
  const err = sink()
  const script = `
    const pieces = ${JSON.stringify(stderrPieces)};
    let i = 0;
    const next = () => {
      if (i === pieces.length) return process.exit(${exitCode});
      process.stderr.write(pieces[i++]);
      setTimeout(next, 20);
    };
    next();`
  const code = await launchWatched({
    command: process.execPath,
    args: ['-e', script],
    stderr: err.stream
  })
  return { code, err: err.text() }
}

const SUID =
  '[1234:FATAL:setuid_sandbox_host.cc(163)] The SUID sandbox helper binary was found, but is not configured ' +
  "correctly. Rather than run without sandboxing I'm aborting now. You need to make sure that " +
  '/opt/mdm/node_modules/electron/dist/chrome-sandbox is owned by root and has mode 4755.\n'

describe('npm start on a Linux without a usable sandbox', () => {
  test('the SUID helper message, even split across writes, is followed by the explanation with its path', async () => {
    const r = await run([SUID.slice(0, 60), SUID.slice(60)], 133)
    expect(r.code).toBe(133)
    expect(r.err.startsWith(SUID)).toBe(true)
    expect(r.err).toContain(
      "Market Data Monitor could not start: Chromium's sandbox is not usable on this Linux system."
    )
    expect(r.err).toContain(
      'sudo chown root:root /opt/mdm/node_modules/electron/dist/chrome-sandbox && sudo chmod 4755 /opt/mdm/node_modules/electron/dist/chrome-sandbox'
    )
    expect(r.err).toContain('Unprivileged user namespaces')
  })

  test('"No usable sandbox!" gets the explanation too, with the helper where npm installs it', async () => {
    const r = await run(['[9:FATAL:zygote_host_impl_linux.cc(126)] No usable sandbox! Update your kernel\n'], 1)
    expect(r.code).toBe(1)
    expect(r.err).toContain('sudo chmod 4755 node_modules/electron/dist/chrome-sandbox')
  })

  test('any other failure passes through untouched', async () => {
    const r = await run(['Error: Electron uninstall\n'], 1)
    expect(r).toEqual({ code: 1, err: 'Error: Electron uninstall\n' })
  })

  test('a command that cannot run says so', async () => {
    const err = sink()
    const code = await launchWatched({
      command: '/nonexistent/electron-vite',
      args: [],
      stderr: err.stream
    })
    expect(code).toBe(1)
    expect(err.text()).toMatch(/^Could not run \/nonexistent\/electron-vite: spawn \/nonexistent\/electron-vite ENOENT/)
  })
})

describe('npm start on a terminal', () => {
  test("stdin and stdout are the wrapper's own (the app writes straight to the terminal)", async () => {
    const err = sink()
    const script = `const { fstatSync } = require('node:fs');
      process.stderr.write(JSON.stringify([0, 1].map((fd) => fstatSync(fd)).map((s) => [s.dev, s.ino])))`
    expect(await launchWatched({ command: process.execPath, args: ['-e', script], stderr: err.stream })).toBe(0)
    expect(JSON.parse(err.text())).toEqual([0, 1].map((fd) => fstatSync(fd)).map((st) => [st.dev, st.ino]))
  })

  /** A child that says which signal reached it and exits with a code of its own for each. */
  const SIGNAL_REPORTER = `
    for (const [signal, code] of [['SIGINT', 2], ['SIGTERM', 7], ['SIGHUP', 9]])
      process.on(signal, () => { process.stderr.write('got ' + signal + '\\n'); process.exit(code) });
    process.stderr.write('ready\\n');
    setTimeout(() => process.exit(99), 10_000); // never outlives a failed test`
  /** No handlers: a signal kills it. */
  const BARE = "process.stderr.write('ready\\n'); setTimeout(() => process.exit(99), 10_000)"

  /** Runs `script` under the wrapper with `signals` as the wrapper's own, once it is ready to be signalled. */
  async function started(script: string, signals: EventEmitter) {
    const err = sink()
    const exit = launchWatched({ command: process.execPath, args: ['-e', script], stderr: err.stream, signals })
    await waitFor(() => err.text().includes('ready'), { what: 'the child to be ready' })
    return { exit, err: err.text }
  }

  test('SIGINT is ignored (the terminal sends it to the app), SIGTERM is passed on, its exit code returned', async () => {
    const signals = new EventEmitter()
    const child = await started(SIGNAL_REPORTER, signals)
    expect(signals.emit('SIGINT')).toBe(true) // listened to, so the wrapper does not die of it
    signals.emit('SIGTERM')
    expect(await child.exit).toBe(7)
    expect(child.err()).toBe('ready\ngot SIGTERM\n')
    expect(['SIGINT', 'SIGTERM', 'SIGHUP'].map((s) => signals.listenerCount(s))).toEqual([0, 0, 0])
  })

  test('SIGHUP is passed on; a child killed by it gives 128 + its number, as a shell would', async () => {
    const signals = new EventEmitter()
    const handled = await started(SIGNAL_REPORTER, signals)
    signals.emit('SIGHUP')
    expect(await handled.exit).toBe(9)
    const bare = await started(BARE, signals)
    signals.emit('SIGHUP')
    expect(await bare.exit).toBe(129)
  })
})
