import type { CatalogueEntry } from '@darwaza/contracts/catalogue'
import { DisplaySettings } from '@darwaza/ui/components/DisplaySettings'
import { IdleWarning } from '@darwaza/ui/components/IdleWarning'
import { LanguageSwitch } from '@darwaza/ui/components/LanguageSwitch'
import { OfflineNotice } from '@darwaza/ui/components/OfflineNotice'
import { OnScreenKeyboard } from '@darwaza/ui/components/OnScreenKeyboard'
import { directionOf, type UiLanguage } from '@darwaza/ui/i18n'
import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useGatewayReachable, type Connectivity } from './connectivity.ts'
import type { GatewayClient } from './gateway-client.ts'
import { useIdleWipe, wipeKioskSession } from './idle-wipe.ts'
import { useKioskState } from './kiosk-state.ts'
import { isNumericField, typeInto, useFocusedField } from './on-screen-typing.ts'
import { go, routeParams, useRoute } from './routes.ts'
import { CatalogueScreen } from './screens/CatalogueScreen.tsx'
import { ClerkScreen } from './screens/ClerkScreen.tsx'
import { DepartmentScreen } from './screens/DepartmentScreen.tsx'
import { DraftScreen } from './screens/DraftScreen.tsx'
import { HallScreen } from './screens/HallScreen.tsx'
import { HistoryScreen } from './screens/HistoryScreen.tsx'
import { PlatformScreen } from './screens/PlatformScreen.tsx'
import { ServiceScreen } from './screens/ServiceScreen.tsx'
import { SignInScreen } from './screens/SignInScreen.tsx'
import { StaffSignInScreen } from './screens/StaffSignInScreen.tsx'
import { TicketScreen } from './screens/TicketScreen.tsx'
import { VerifyScreen } from './screens/VerifyScreen.tsx'
import { currentSession, setSession, type SignedIn } from './session.ts'

/** When the shell cannot say how long a kiosk waits before it forgets a citizen. */
const defaultIdleSeconds = 120

export function App({ client, connectivity }: { client: GatewayClient; connectivity: Connectivity }) {
  const { t, i18n } = useTranslation()
  const language = i18n.language as UiLanguage
  const route = useRoute()
  const [openService, setOpenService] = useState<CatalogueEntry | null>(null)
  const [session, setSessionState] = useState<SignedIn | null>(currentSession)
  // Any navigation (a link, the back button, a typed address) leaves the open service page.
  const [routeShown, setRouteShown] = useState(route)
  if (routeShown !== route) {
    setRouteShown(route)
    setOpenService(null)
  }

  const [display, setDisplay] = useState({ largeText: false, highContrast: false })
  useEffect(() => {
    document.documentElement.classList.toggle('dz-large-text', display.largeText)
    document.documentElement.classList.toggle('dz-high-contrast', display.highContrast)
  }, [display])

  useEffect(() => {
    document.documentElement.lang = language
    document.documentElement.dir = directionOf(language)
    document.title = t('app.name')
  }, [language, t])

  // At a kiosk (the shell's bridge is there) the screen forgets each citizen when they leave.
  const [idleSeconds, setIdleSeconds] = useState<number | null>(null)
  useEffect(() => {
    window.darwazaKiosk
      ?.deviceInfo()
      .then((info) => setIdleSeconds(info.idleSeconds))
      .catch(() => setIdleSeconds(defaultIdleSeconds))
  }, [])
  const wipe = useCallback(() => void wipeKioskSession(client), [client])
  const idle = useIdleWipe(idleSeconds, wipe)
  // A kiosk has no physical keyboard: one appears while a text field has the focus.
  const focusedField = useFocusedField(Boolean(window.darwazaKiosk))
  const kiosk = useKioskState()
  const reachable = useGatewayReachable(connectivity)
  const covered = idle.secondsLeft !== null || !reachable

  const signedIn = useCallback((next: SignedIn | null) => {
    setSession(next)
    setSessionState(next)
  }, [])
  const sessionEnded = useCallback(() => signedIn(null), [signedIn])

  async function signOut() {
    try {
      await client.identity.signOut.mutate()
    } finally {
      signedIn(null)
      go('services')
    }
  }

  // The waiting hall's display is a screen on the wall: no header, no sign-in, nothing to touch.
  if (route === 'hall') {
    return (
      <main className="dz-main dz-main--hall">
        <HallScreen
          client={client}
          language={language}
          centre={routeParams().get('centre')}
          shownIn={routeParams().get('lang')}
        />
      </main>
    )
  }

  let screen
  if (route === 'ticket') {
    screen = window.darwazaKiosk ? (
      <TicketScreen client={client} language={language} onDone={wipe} />
    ) : (
      <section aria-labelledby="ticket-heading">
        <h2 id="ticket-heading">{t('ticket.heading')}</h2>
        <p>{t('ticket.kioskOnly')}</p>
      </section>
    )
  } else if (route === 'draft' && session?.kind !== 'citizen') {
    // The link works only for the citizen who saved the form: sign in first, then come back to it.
    screen = (
      <SignInScreen
        client={client}
        onSignedIn={(grant) => {
          signedIn({ kind: 'citizen', token: grant.token, name: grant.name })
        }}
      />
    )
  } else if (route === 'draft') {
    const params = routeParams()
    const code = params.get('code')
    const draftId = params.get('id')
    screen = (
      <DraftScreen
        client={client}
        language={language}
        reference={code ? { code } : draftId ? { draftId } : null}
        onBack={() => go('services')}
      />
    )
  } else if (route === 'sign-in') {
    screen = (
      <SignInScreen
        client={client}
        onSignedIn={(grant) => {
          signedIn({ kind: 'citizen', token: grant.token, name: grant.name })
          go('history')
        }}
      />
    )
  } else if (route === 'history' && session?.kind === 'citizen') {
    screen = <HistoryScreen client={client} language={language} onSessionEnded={sessionEnded} />
  } else if (
    route === 'staff' ||
    ((route === 'clerk' || route === 'department' || route === 'platform') && session?.kind !== 'staff')
  ) {
    screen = (
      <StaffSignInScreen
        client={client}
        session={session?.kind === 'staff' ? session : null}
        onSignedIn={(grant) => {
          signedIn({ kind: 'staff', token: grant.token, name: grant.displayName, role: grant.role })
          if (grant.role === 'clerk') go('clerk')
          if (grant.role === 'department_admin' || grant.role === 'department_officer') go('department')
          if (grant.role === 'platform_admin') go('platform')
        }}
      />
    )
  } else if (route === 'clerk') {
    screen = <ClerkScreen client={client} language={language} />
  } else if (route === 'verify') {
    screen = <VerifyScreen client={client} language={language} />
  } else if (route === 'department') {
    screen = <DepartmentScreen client={client} language={language} />
  } else if (route === 'platform') {
    screen = <PlatformScreen client={client} language={language} />
  } else if (openService) {
    screen = (
      <ServiceScreen
        key={openService.slug}
        client={client}
        entry={openService}
        language={language}
        signedIn={session?.kind === 'citizen'}
        onBack={() => setOpenService(null)}
      />
    )
  } else {
    screen = <CatalogueScreen client={client} language={language} onOpen={setOpenService} />
  }

  return (
    <>
      <header className="dz-header" inert={covered}>
        <div>
          <h1>{t('app.name')}</h1>
          <p>{t('app.tagline')}</p>
        </div>
        <nav className="dz-nav" aria-label={t('app.name')}>
          <a href="#/services" onClick={() => setOpenService(null)}>
            {t('nav.services')}
          </a>
          {session?.kind === 'citizen' ? <a href="#/history">{t('nav.history')}</a> : null}
          {session?.kind === 'staff' && session.role.startsWith('department_') ? (
            <a href="#/department">{t('nav.department')}</a>
          ) : null}
          {session?.kind === 'staff' && session.role === 'platform_admin' ? (
            <a href="#/platform">{t('nav.platform')}</a>
          ) : null}
          {window.darwazaKiosk ? <a href="#/ticket">{t('nav.ticket')}</a> : null}
          {window.darwazaKiosk ? (
            <button type="button" onClick={wipe} data-testid="finish">
              {t('nav.finish')}
            </button>
          ) : null}
          {session ? (
            <>
              <span data-testid="signed-in-as">{t('nav.signedInAs', { name: session.name })}</span>
              <button type="button" onClick={() => void signOut()}>
                {t('nav.signOut')}
              </button>
            </>
          ) : (
            <a href="#/sign-in">{t('nav.signIn')}</a>
          )}
        </nav>
        <DisplaySettings
          label={t('display.label')}
          largeText={display.largeText}
          highContrast={display.highContrast}
          texts={{ largeText: t('display.largeText'), highContrast: t('display.highContrast') }}
          onChange={setDisplay}
        />
        <LanguageSwitch
          current={language}
          label={t('app.language')}
          onChange={(next) => void i18n.changeLanguage(next)}
        />
      </header>
      <main className="dz-main" inert={covered}>
        {kiosk && kiosk.enrolment !== 'enrolled' ? (
          <p className="dz-notice dz-notice--error" role="status" data-testid="kiosk-state">
            {t(kiosk.enrolment === 'revoked' ? 'kiosk.revoked' : 'kiosk.notEnrolled')}
          </p>
        ) : null}
        {kiosk?.printerProblem ? (
          <p className="dz-notice" role="status" data-testid="printer-state">
            {t('kiosk.printerProblem')}
          </p>
        ) : null}
        {screen}
      </main>
      {/* Always there at a kiosk, so the page does not jump when the keyboard comes and goes. */}
      {window.darwazaKiosk ? <div className="dz-keyboard-spacer" /> : null}
      {focusedField && !covered ? (
        <OnScreenKeyboard
          layout={isNumericField(focusedField) ? 'digits' : language}
          label={t('keyboard.label')}
          texts={{
            space: t('keyboard.space'),
            backspace: t('keyboard.backspace'),
            done: t('keyboard.done'),
            shift: t('keyboard.shift'),
          }}
          onKey={(key) => typeInto(focusedField, key)}
        />
      ) : null}
      {reachable ? null : (
        <OfflineNotice
          title={t('offline.title')}
          lines={[t('offline.reconnecting'), t('offline.kept'), t('offline.submitted')]}
        />
      )}
      {idle.secondsLeft === null || !reachable ? null : (
        <IdleWarning
          title={t('idle.title')}
          text={t('idle.text', { count: idle.secondsLeft })}
          moreTimeLabel={t('idle.moreTime')}
          onMoreTime={idle.moreTime}
        />
      )}
    </>
  )
}
