// Uploading the documents a service asks citizens to upload, before the form is submitted (by the
// citizen, or at the counter by the clerk).
import type { CatalogueEntry } from '@darwaza/contracts/catalogue'
import { pickLanguage } from '@darwaza/contracts/localized'
import type { UiLanguage } from '@darwaza/ui/i18n'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { describeFailure, type GatewayClient } from '../gateway-client.ts'

export interface AttachedDocument {
  documentId: string
  requirement: string
  name: string
}

export function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''))
    reader.onerror = () => reject(reader.error ?? new Error('could not read the file'))
    reader.readAsDataURL(file)
  })
}

export function DocumentUploads({
  client,
  entry,
  language,
  attached,
  onChange,
  assistedSessionId,
}: {
  client: GatewayClient
  entry: CatalogueEntry
  language: UiLanguage
  attached: AttachedDocument[]
  onChange(documents: AttachedDocument[]): void
  /** At the counter the clerk uploads what the citizen brought, inside the assisted session. */
  assistedSessionId?: string | undefined
}) {
  const { t } = useTranslation()
  const [problems, setProblems] = useState<Record<string, string>>({})
  const uploads = entry.requiredDocuments.filter((document) => document.upload)
  if (uploads.length === 0) return null

  async function choose(requirement: string, file: File | undefined) {
    if (!file) return
    setProblems((current) => ({ ...current, [requirement]: '' }))
    try {
      const upload = { name: file.name, contentBase64: await base64Of(file) }
      const uploaded = assistedSessionId
        ? await client.assisted.uploadDocument.mutate({ ...upload, assistedSessionId })
        : await client.documents.upload.mutate(upload)
      onChange([
        ...attached.filter((document) => document.requirement !== requirement),
        { documentId: uploaded.id, requirement, name: uploaded.name },
      ])
    } catch (error) {
      const failure = describeFailure(error)
      const reason = failure.fieldErrors[0]?.reason
      setProblems((current) => ({
        ...current,
        [requirement]: reason ? t([`upload.${reason}`, 'upload.failed']) : t(`errors.code.${failure.code}`),
      }))
    }
  }

  return (
    <fieldset className="dz-form-step">
      <legend>{t('upload.heading')}</legend>
      {uploads.map((document, index) => {
        const requirement = document.name.en
        const id = `upload-${index}`
        const done = attached.find((item) => item.requirement === requirement)
        return (
          <div key={requirement} className={`dz-field${problems[requirement] ? ' dz-field--error' : ''}`}>
            <label htmlFor={id}>{pickLanguage(document.name, language)}</label>
            {document.description ? (
              <p className="dz-field__help">{pickLanguage(document.description, language)}</p>
            ) : null}
            {problems[requirement] ? <p className="dz-field__error">{problems[requirement]}</p> : null}
            <input
              id={id}
              type="file"
              accept="image/jpeg,image/png,application/pdf"
              onChange={(event) => void choose(requirement, event.target.files?.[0])}
            />
            {done ? (
              <p role="status" data-testid={`uploaded-${index}`}>
                {t('upload.done', { name: done.name })}
              </p>
            ) : null}
          </div>
        )
      })}
    </fieldset>
  )
}
