// The kiosk emulator's stand-in for the shell's preload: the same window.darwazaKiosk API, backed by
// the emulator (which keeps the device credential and "prints" into a folder) instead of Electron.
'use strict'
;(() => {
  const config = JSON.parse(document.currentScript?.dataset.config ?? '{}')
  const listeners = new Set()
  window.darwazaKiosk = Object.freeze({
    deviceInfo: async () => ({ ...config.deviceInfo, gatewayUrl: location.origin }),
    print: async (request) => {
      const response = await fetch('/emulator/print', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request),
      })
      return response.json()
    },
    kioskState: async () => ({ enrolment: 'enrolled', printerProblem: null }),
    onKioskState: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    wipeSession: async () => {
      localStorage.clear()
      sessionStorage.clear()
      if ('caches' in window) for (const name of await caches.keys()) await caches.delete(name)
      history.replaceState(null, '', location.pathname)
    },
  })
})()
