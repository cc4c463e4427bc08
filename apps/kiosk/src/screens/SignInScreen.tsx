import { ErrorSummary } from '@darwaza/ui/components/ErrorSummary'
import { NumericKeypad } from '@darwaza/ui/components/NumericKeypad'
import { TextField } from '@darwaza/ui/components/TextField'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { Language } from '@darwaza/contracts/localized'
import { failureText } from '../failure-text.ts'
import { describeFailure, type GatewayClient, type GatewayFailure } from '../gateway-client.ts'

type Step = { step: 'identity' } | { step: 'code'; challengeId: string; maskedPhone: string }

function pressKey(value: string, key: string, maxLength: number): string {
  if (key === 'delete') return value.slice(0, -1)
  if (key === 'clear') return ''
  return value.length < maxLength ? value + key : value
}

export function SignInScreen({
  client,
  onSignedIn,
}: {
  client: GatewayClient
  onSignedIn(grant: { token: string; name: string }): void
}) {
  const { t, i18n } = useTranslation()
  const language = i18n.language as Language
  const [step, setStep] = useState<Step>({ step: 'identity' })
  const [identityNumber, setIdentityNumber] = useState('')
  const [code, setCode] = useState('')
  const [failure, setFailure] = useState<GatewayFailure | null>(null)
  const [busy, setBusy] = useState(false)

  async function run(action: () => Promise<void>) {
    setBusy(true)
    setFailure(null)
    try {
      await action()
    } catch (error) {
      setFailure(describeFailure(error))
    } finally {
      setBusy(false)
    }
  }

  const sendCode = (event?: FormEvent) => {
    event?.preventDefault()
    void run(async () => {
      const challenge = await client.identity.requestCode.mutate({ identityNumber, language })
      setCode('')
      setStep({ step: 'code', challengeId: challenge.challengeId, maskedPhone: challenge.maskedPhone })
    })
  }

  const verify = (event: FormEvent) => {
    event.preventDefault()
    if (step.step !== 'code') return
    void run(async () => onSignedIn(await client.identity.verifyCode.mutate({ challengeId: step.challengeId, code })))
  }

  const fieldId = step.step === 'identity' ? 'field-identityNumber' : 'field-code'
  const fieldError = failure?.fieldErrors.length ? failureText(t, failure) : undefined
  const summary = failure
    ? [{ fieldId: failure.fieldErrors.length ? fieldId : undefined, message: failureText(t, failure) }]
    : []

  return (
    <section aria-labelledby="sign-in-heading" data-own-keypad>
      <h2 id="sign-in-heading">{step.step === 'identity' ? t('signIn.heading') : t('signIn.codeHeading')}</h2>
      <ErrorSummary title={t('errors.summaryTitle')} items={summary} />
      {step.step === 'identity' ? (
        <form onSubmit={sendCode} noValidate>
          <TextField
            id="field-identityNumber"
            label={t('signIn.identityLabel')}
            help={t('signIn.identityHelp')}
            inputMode="numeric"
            value={identityNumber}
            error={fieldError}
            onChange={setIdentityNumber}
          />
          <NumericKeypad
            label={t('signIn.keypad')}
            withDash
            deleteLabel={t('signIn.backspace')}
            clearLabel={t('signIn.clear')}
            onKey={(key) => setIdentityNumber((value) => pressKey(value, key, 15))}
          />
          <button type="submit" className="dz-button" disabled={busy}>
            {t('signIn.sendCode')}
          </button>
        </form>
      ) : (
        <form onSubmit={verify} noValidate>
          <p>{t('signIn.codeSent', { phone: step.maskedPhone })}</p>
          <TextField
            id="field-code"
            label={t('signIn.codeLabel')}
            inputMode="numeric"
            value={code}
            error={fieldError}
            onChange={setCode}
          />
          <NumericKeypad
            label={t('signIn.keypad')}
            deleteLabel={t('signIn.backspace')}
            clearLabel={t('signIn.clear')}
            onKey={(key) => setCode((value) => pressKey(value, key, 6))}
          />
          <button type="submit" className="dz-button" disabled={busy}>
            {t('signIn.verify')}
          </button>{' '}
          <button type="button" className="dz-link-button" onClick={() => sendCode()} disabled={busy}>
            {t('signIn.newCode')}
          </button>
        </form>
      )}
    </section>
  )
}
