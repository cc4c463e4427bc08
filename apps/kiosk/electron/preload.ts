// The whole of what the page can ask of the shell (see src/kiosk-bridge.ts). Runs sandboxed, so it
// may import nothing but electron; channel names are repeated from shell.ts for that reason.
import { contextBridge, ipcRenderer } from 'electron'
import type { DeviceInfo, KioskBridge, PrintResult } from '../src/kiosk-bridge.ts'

const bridge: KioskBridge = {
  deviceInfo: (): Promise<DeviceInfo> => ipcRenderer.invoke('kiosk:device-info'),
  printReceipt: (html: string): Promise<PrintResult> => ipcRenderer.invoke('kiosk:print-receipt', html),
  wipeSession: (): Promise<void> => ipcRenderer.invoke('kiosk:wipe-session'),
}

contextBridge.exposeInMainWorld('darwazaKiosk', bridge)
