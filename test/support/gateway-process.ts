// Gateway replicas as separate operating-system processes (node apps/gateway/src/main.ts), so a test
// can kill one outright (SIGKILL: no shutdown, no cleanup) and start it again, as happens in a real
// deployment when a machine or a container dies.
import { spawn, type ChildProcess } from 'node:child_process'
import { appendFileSync } from 'node:fs'
import path from 'node:path'
import { testEnv } from './env.ts'
import { newLogFile } from './secrets.ts'

const root = path.resolve(import.meta.dirname, '../..')

export interface GatewayProcess {
  url: string
  /** Starts the process and resolves once it answers /ready. */
  start(): Promise<void>
  /** SIGKILL: the process gets no chance to finish anything. */
  kill(): Promise<void>
  /** SIGTERM and wait for a clean exit. */
  stop(): Promise<void>
  running(): boolean
  /** What it printed (its logs), for a failing test to show. */
  output(): string
}

export function gatewayProcess(port: number, env: Record<string, string>): GatewayProcess {
  let child: ChildProcess | null = null
  let printed = ''
  const url = `http://127.0.0.1:${port}`

  async function waitUntilReady(process: ChildProcess) {
    for (let waited = 0; waited < 60_000; waited += 100) {
      if (process.exitCode !== null) throw new Error(`the gateway on ${port} exited at start:\n${printed.slice(-4000)}`)
      const ready = await fetch(`${url}/ready`)
        .then((response) => response.ok)
        .catch(() => false)
      if (ready) return
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    throw new Error(`the gateway on ${port} did not become ready:\n${printed.slice(-4000)}`)
  }

  function exited(process: ChildProcess) {
    return new Promise<void>((resolve) => {
      if (process.exitCode !== null || process.signalCode !== null) resolve()
      else process.once('exit', () => resolve())
    })
  }

  async function end(signal: 'SIGKILL' | 'SIGTERM') {
    if (!child) return
    const ending = child
    child = null
    ending.kill(signal)
    await exited(ending)
  }

  return {
    url,
    async start() {
      const started = spawn(process.execPath, ['--import', 'tsx', 'apps/gateway/src/main.ts'], {
        cwd: root,
        env: { ...testEnv.childEnv, HOST: '127.0.0.1', PORT: String(port), ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      const logFile = newLogFile(`gateway-process-${port}`)
      const keep = (chunk: Buffer) => {
        appendFileSync(logFile, chunk)
        printed = (printed + chunk.toString()).slice(-200_000)
      }
      started.stdout?.on('data', keep)
      started.stderr?.on('data', keep)
      child = started
      await waitUntilReady(started)
    },
    kill: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
    running: () => child !== null,
    output: () => printed,
  }
}
