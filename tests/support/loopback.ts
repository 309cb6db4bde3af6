// Loopback servers for tests: every test server listens on 127.0.0.1 at a port the OS picks.
import { createServer, type Server } from 'node:net'

/** Starts `server` on 127.0.0.1 at an ephemeral port and resolves with that port. */
export async function listenLoopback(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const addr = server.address()
  if (addr === null || typeof addr !== 'object') throw new Error('server has no TCP address')
  return addr.port
}

/** A loopback port nothing listens on now (bound, then released): a refused connection. */
export async function freePort(): Promise<number> {
  const server = createServer()
  const port = await listenLoopback(server)
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}
