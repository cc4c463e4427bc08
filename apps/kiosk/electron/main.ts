// Electron entry point of the kiosk shell (built to dist-electron/main.cjs).
import { app } from 'electron'
import { loadKioskConfig } from './config.ts'
import { registerAppScheme, shellPaths, startKioskShell } from './shell.ts'

registerAppScheme()
startKioskShell(loadKioskConfig(), shellPaths(__dirname)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  app.exit(1)
})
