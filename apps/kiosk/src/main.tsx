import '@darwaza/ui/styles.css'
import { createI18n } from '@darwaza/ui/i18n'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { I18nextProvider } from 'react-i18next'
import { App } from './App.tsx'
import { createGatewayClient } from './gateway-client.ts'
import { currentSession } from './session.ts'

const [i18n, client] = await Promise.all([createI18n('en'), createGatewayClient(() => currentSession()?.token ?? null)])
const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')

createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <App client={client} />
    </I18nextProvider>
  </StrictMode>,
)
