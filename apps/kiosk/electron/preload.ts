// The whole of what the page can ask of the shell (see src/kiosk-bridge.ts). Runs sandboxed, so it
// may import nothing but electron; channel names are repeated from shell.ts for that reason.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type { DeviceInfo, KioskBridge, KioskState, PrintRequest, PrintResult } from '../src/kiosk-bridge.ts'

const bridge: KioskBridge = {
  deviceInfo: (): Promise<DeviceInfo> => ipcRenderer.invoke('kiosk:device-info'),
  print: (request: PrintRequest): Promise<PrintResult> => ipcRenderer.invoke('kiosk:print', request),
  kioskState: (): Promise<KioskState> => ipcRenderer.invoke('kiosk:state'),
  onKioskState(listener: (state: KioskState) => void) {
    if (typeof listener !== 'function') throw new TypeError('onKioskState needs a function to call')
    // The page gets the state alone: the IPC event would hand it ipcRenderer through event.sender.
    const forward = (_event: IpcRendererEvent, state: KioskState) => listener(state)
    ipcRenderer.on('kiosk:state-changed', forward)
    return () => {
      ipcRenderer.removeListener('kiosk:state-changed', forward)
    }
  },
  wipeSession: (): Promise<void> => ipcRenderer.invoke('kiosk:wipe-session'),
}

contextBridge.exposeInMainWorld('darwazaKiosk', bridge)
