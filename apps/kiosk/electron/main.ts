// Electron entry point of the kiosk shell (built to dist-electron/main.cjs).
import { app, dialog } from 'electron'
import { kioskConfigPath, loadKioskConfig } from './config.ts'
import { registerAppScheme, shellPaths, startKioskShell } from './shell.ts'

registerAppScheme()
void start()

async function start() {
  try {
    const userData = app.getPath('userData')
    const config = loadKioskConfig(userData)
    console.log(
      config.configFile
        ? `kiosk: configuration from ${config.configFile}`
        : `kiosk: no configuration file at ${kioskConfigPath(userData)}; using the defaults`,
    )
    await startKioskShell(config, shellPaths(__dirname))
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    console.error(message)
    dialog.showErrorBox('The Darwaza kiosk cannot start', message)
    app.exit(1)
  }
}
