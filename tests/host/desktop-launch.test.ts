// `npm start`'s wrapper around electron-vite preview, over real child processes standing in for
// Electron: its output passes through, and a Chromium sandbox failure is followed by what to do.

import { Writable } from 'node:stream'
import { describe, expect, test } from 'vitest'
import { launchWatched } from '../../src/main/host/desktop-launch'

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
  const out = sink()
  const err = sink()
  const script = `
    const pieces = ${JSON.stringify(stderrPieces)};
    console.log('electron-vite: starting electron app...');
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
    stdout: out.stream,
    stderr: err.stream
  })
  return { code, out: out.text(), err: err.text() }
}

const SUID =
  '[1234:FATAL:setuid_sandbox_host.cc(163)] The SUID sandbox helper binary was found, but is not configured ' +
  "correctly. Rather than run without sandboxing I'm aborting now. You need to make sure that " +
  '/opt/mdm/node_modules/electron/dist/chrome-sandbox is owned by root and has mode 4755.\n'

describe('npm start on a Linux without a usable sandbox', () => {
  test('the SUID helper message, even split across writes, is followed by the explanation with its path', async () => {
    const r = await run([SUID.slice(0, 60), SUID.slice(60)], 133)
    expect(r.code).toBe(133)
    expect(r.out).toBe('electron-vite: starting electron app...\n')
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
    expect(r).toEqual({ code: 1, out: 'electron-vite: starting electron app...\n', err: 'Error: Electron uninstall\n' })
  })

  test('a command that cannot run says so', async () => {
    const err = sink()
    const code = await launchWatched({
      command: '/nonexistent/electron-vite',
      args: [],
      stdout: sink().stream,
      stderr: err.stream
    })
    expect(code).toBe(1)
    expect(err.text()).toMatch(/^Could not run \/nonexistent\/electron-vite: spawn \/nonexistent\/electron-vite ENOENT/)
  })
})
