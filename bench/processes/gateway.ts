// A gateway process for the benchmarks: the real gateway (loadConfig + startGateway), configured by
// the environment the bench sends as its first message. Logs go to this process's stdout (a file).
import { loadConfig } from '@darwaza/gateway/env'
import { startGateway } from '@darwaza/gateway/start'

process.once('message', (message: { env: Record<string, string> }) => {
  startGateway(loadConfig(message.env))
    .then((gateway) => {
      process.on('message', (next: { type: string }) => {
        if (next.type === 'stop') void gateway.stop().then(() => process.exit(0))
      })
      process.send?.({ type: 'ready', url: gateway.url })
    })
    .catch((error: unknown) => {
      console.error(error)
      process.send?.({ type: 'error', message: error instanceof Error ? error.message : String(error) }, () =>
        process.exit(1),
      )
    })
})
