// A PostgreSQL server of the test's own (initdb into a scratch folder, its own port on loopback), so a
// test can restart or stop it without disturbing the shared server the rest of the suite uses.
import { execFile } from 'node:child_process'
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir, userInfo } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

export interface PrivatePostgres {
  /** postgresql://postgres@127.0.0.1:<port>/darwaza */
  url: string
  restart(): Promise<void>
  stop(): Promise<void>
}

function binaries(): string | null {
  const base = '/usr/lib/postgresql'
  if (!existsSync(base)) return null
  const version = readdirSync(base).sort().at(-1)
  return version ? path.join(base, version, 'bin') : null
}

/** Why a private server cannot run here, or null when it can. */
export function privatePostgresUnavailable(): string | null {
  if (!binaries()) return 'PostgreSQL server binaries are not installed (/usr/lib/postgresql/*/bin)'
  if (userInfo().uid !== 0 && userInfo().username !== 'postgres') return 'needs root (to run as the postgres user)'
  return null
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = binaries()
  if (!bin) throw new Error('no PostgreSQL binaries')
  // Its own folder the postgres user can reach (the suite's scratch folders are private to root).
  const parent = mkdtempSync(path.join(tmpdir(), 'darwaza-pg-'))
  chmodSync(parent, 0o755)
  const dataDir = path.join(parent, 'data')
  mkdirSync(dataDir, { mode: 0o700 })
  const asRoot = userInfo().uid === 0
  const postgresIds = asRoot
    ? await run('id', ['-u', 'postgres']).then(async ({ stdout }) => ({
        uid: Number(stdout.trim()),
        gid: Number((await run('id', ['-g', 'postgres'])).stdout.trim()),
      }))
    : null
  if (postgresIds) chownSync(dataDir, postgresIds.uid, postgresIds.gid)
  const asPostgres = (command: string, args: string[]) =>
    asRoot
      ? run('runuser', ['-u', 'postgres', '--', path.join(bin, command), ...args])
      : run(path.join(bin, command), args)

  const port = 41_000 + Math.floor(Math.random() * 9_000)
  await asPostgres('initdb', ['-D', dataDir, '--auth=trust', '--username=postgres', '--no-sync', '-E', 'UTF8'])
  const options = `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dataDir} -c fsync=off`
  const pgctl = (...args: string[]) => asPostgres('pg_ctl', ['-D', dataDir, '-w', '-t', '30', ...args])
  await pgctl('-o', options, '-l', path.join(dataDir, 'server.log'), 'start')
  await asPostgres('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'darwaza'])
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/darwaza`,
    restart: async () => {
      await pgctl('-m', 'fast', '-o', options, '-l', path.join(dataDir, 'server.log'), 'restart')
    },
    stop: async () => {
      await pgctl('-m', 'immediate', 'stop').catch(() => undefined)
      rmSync(parent, { recursive: true, force: true })
    },
  }
}
