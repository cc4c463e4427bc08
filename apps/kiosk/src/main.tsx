import '@darwaza/ui/styles.css'
import { createI18n } from '@darwaza/ui/i18n'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { I18nextProvider } from 'react-i18next'
import { App } from './App.tsx'
import { createConnectivity } from './connectivity.ts'
import { createGatewayClient, gatewayUrl } from './gateway-client.ts'
import { currentSession } from './session.ts'

// A kiosk starts each citizen in its configured language; the web view in English.
const startLanguage = (await window.darwazaKiosk?.deviceInfo().catch(() => null))?.defaultLanguage ?? 'en'
const [i18n, gateway] = await Promise.all([createI18n(startLanguage), gatewayUrl()])
// A kiosk in the hall also checks while nobody uses it; the web view notices on its next call.
const connectivity = createConnectivity(gateway, { watchMs: window.darwazaKiosk ? 15_000 : null })
const client = createGatewayClient(gateway, () => currentSession()?.token ?? null, connectivity.fetch)
const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')

createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <App client={client} connectivity={connectivity} />
    </I18nextProvider>
  </StrictMode>,
)
