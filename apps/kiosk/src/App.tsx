import type { CatalogueEntry } from '@darwaza/contracts/catalogue'
import { LanguageSwitch } from '@darwaza/ui/components/LanguageSwitch'
import { directionOf, type UiLanguage } from '@darwaza/ui/i18n'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { GatewayClient } from './gateway-client.ts'
import { CatalogueScreen } from './screens/CatalogueScreen.tsx'
import { ServiceScreen } from './screens/ServiceScreen.tsx'

export function App({ client }: { client: GatewayClient }) {
  const { t, i18n } = useTranslation()
  const language = i18n.language as UiLanguage
  const [openService, setOpenService] = useState<CatalogueEntry | null>(null)

  useEffect(() => {
    document.documentElement.lang = language
    document.documentElement.dir = directionOf(language)
    document.title = t('app.name')
  }, [language, t])

  return (
    <>
      <header className="dz-header">
        <div>
          <h1>{t('app.name')}</h1>
          <p>{t('app.tagline')}</p>
        </div>
        <LanguageSwitch
          current={language}
          label={t('app.language')}
          onChange={(next) => void i18n.changeLanguage(next)}
        />
      </header>
      <main className="dz-main">
        {openService ? (
          <ServiceScreen
            key={openService.slug}
            client={client}
            entry={openService}
            language={language}
            onBack={() => setOpenService(null)}
          />
        ) : (
          <CatalogueScreen client={client} language={language} onOpen={setOpenService} />
        )}
      </main>
    </>
  )
}
