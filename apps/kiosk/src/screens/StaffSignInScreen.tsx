import { ErrorSummary } from '@darwaza/ui/components/ErrorSummary'
import { TextField } from '@darwaza/ui/components/TextField'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { failureText } from '../failure-text.ts'
import { describeFailure, type GatewayClient, type GatewayFailure } from '../gateway-client.ts'
import type { SignedIn } from '../session.ts'

interface StaffGrant {
  token: string
  displayName: string
  role: string
}

export function StaffSignInScreen({
  client,
  session,
  onSignedIn,
}: {
  client: GatewayClient
  session: Extract<SignedIn, { kind: 'staff' }> | null
  onSignedIn(grant: StaffGrant): void
}) {
  const { t } = useTranslation()
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [failure, setFailure] = useState<GatewayFailure | null>(null)

  async function signIn(event: FormEvent) {
    event.preventDefault()
    setFailure(null)
    try {
      onSignedIn(await client.staff.signIn.mutate({ username, password }))
    } catch (error) {
      setFailure(describeFailure(error))
    }
  }

  if (session) {
    return (
      <section>
        <h2>{t('staff.signedIn', { name: session.name })}</h2>
        <p>{t('staff.noScreen')}</p>
      </section>
    )
  }
  return (
    <section aria-labelledby="staff-heading">
      <h2 id="staff-heading">{t('staff.heading')}</h2>
      <ErrorSummary title={t('errors.summaryTitle')} items={failure ? [{ message: failureText(t, failure) }] : []} />
      <form onSubmit={(event) => void signIn(event)} noValidate>
        <TextField id="field-username" label={t('staff.username')} value={username} onChange={setUsername} />
        <div className="dz-field">
          <label htmlFor="field-password">{t('staff.password')}</label>
          <input
            id="field-password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </div>
        <button type="submit" className="dz-button">
          {t('staff.signIn')}
        </button>
      </form>
    </section>
  )
}
