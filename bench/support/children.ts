// The gateway and the departments run in processes of their own, as in production, so that the load
// generator in the bench process does not share an event loop with them. Each child is a TypeScript
// entry point (processes/*.ts) started through tsx, told what to start over IPC, and asked to stop.
import { fork, type ChildProcess } from 'node:child_process'
import { closeSync, openSync, readFileSync } from 'node:fs'
import path from 'node:path'

interface ReadyMessage {
  type: 'ready'
  url: string
}
interface ErrorMessage {
  type: 'error'
  message: string
}

export interface ChildServer {
  url: string
  pid: number
  /** Asks the child to stop gracefully and waits for it to exit. */
  stop(): Promise<void>
}

const running = new Set<ChildProcess>()
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL')
})

/** Starts processes/<entry>.ts with `start` as its first message; resolves when it is listening. */
export async function startChild(
  entry: 'gateway' | 'department',
  start: unknown,
  logFile: string,
): Promise<ChildServer> {
  const log = openSync(logFile, 'a')
  const child = fork(path.join(import.meta.dirname, '../processes', `${entry}.ts`), [], {
    execArgv: ['--import', import.meta.resolve('tsx')],
    stdio: ['ignore', log, log, 'ipc'],
  })
  closeSync(log)
  running.add(child)
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  void exited.then(() => running.delete(child))
  const lastLines = () => readFileSync(logFile, 'utf8').trim().split('\n').slice(-15).join('\n')
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message: ReadyMessage | ErrorMessage) => {
      if (message.type === 'ready') resolve(message.url)
      else reject(new Error(`${entry} did not start: ${message.message}\n${lastLines()}`))
    })
    child.once('exit', (code) =>
      reject(new Error(`${entry} exited with code ${code} before it was ready:\n${lastLines()}`)),
    )
    child.send(start as object)
  })
  return {
    url,
    pid: child.pid ?? 0,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.send({ type: 'stop' })
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000)
      await exited
      clearTimeout(timer)
    },
  }
}
