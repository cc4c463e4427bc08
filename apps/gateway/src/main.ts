import { ConfigError, loadConfig } from './env.ts'
import { startGateway, StartupRefused } from './start.ts'

try {
  const config = loadConfig()
  const gateway = await startGateway(config)
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void gateway.stop().then(() => process.exit(0))
    })
  }
} catch (error) {
  if (error instanceof ConfigError || error instanceof StartupRefused) {
    console.error(error.message)
    process.exit(1)
  }
  throw error
}
