// Department admin pages: the department's services, and an editor for one entry with a live preview
// of the service page and form exactly as a citizen will see them (the same components render both).
// Publishing shows every reason it was refused; entries import and export as JSON.
import {
  Channel,
  ServiceCategory,
  ServiceDraftInput,
  type CatalogueEntry,
  type DraftText,
} from '@darwaza/contracts/catalogue'
import type { FieldError } from '@darwaza/contracts/errors'
import { ErrorSummary } from '@darwaza/ui/components/ErrorSummary'
import { SchemaForm, type FormValues } from '@darwaza/ui/components/SchemaForm'
import { ServiceFacts } from '@darwaza/ui/components/ServiceFacts'
import type { UiLanguage } from '@darwaza/ui/i18n'
import { useEffect, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { describeFailure, type GatewayClient, type GatewayFailure } from '../gateway-client.ts'
import { formLabels } from './ServiceScreen.tsx'

type ServiceRow = Awaited<ReturnType<GatewayClient['departments']['services']['query']>>[number]

const jsonSchemaDialect = 'https://json-schema.org/draft/2020-12/schema'

function blankEntry(): ServiceDraftInput {
  return {
    slug: '',
    kind: 'application',
    category: 'identity_and_documents',
    title: {},
    summary: {},
    description: {},
    eligibility: {},
    requiredDocuments: [],
    formSchema: { $schema: jsonSchemaDialect, type: 'object', additionalProperties: false, properties: {} },
    presentation: { fields: {} },
    endpointPath: '/applications/',
    citizenAttributes: [],
    channels: ['kiosk', 'web', 'assisted'],
    fee: { kind: 'free' },
    processingDays: null,
  }
}

type Notice = { tone: 'success' | 'problem'; text: string }

export function DepartmentScreen({ client, language }: { client: GatewayClient; language: UiLanguage }) {
  const { t } = useTranslation()
  const [services, setServices] = useState<ServiceRow[] | null>(null)
  const [editing, setEditing] = useState<{ entry: ServiceDraftInput; isNew: boolean } | null>(null)
  const [failure, setFailure] = useState<GatewayFailure | null>(null)

  const [reloads, setReloads] = useState(0)
  const load = () => setReloads((count) => count + 1)
  useEffect(() => {
    let current = true
    client.departments.services
      .query()
      .then((rows) => current && setServices(rows))
      .catch((error: unknown) => current && setFailure(describeFailure(error)))
    return () => {
      current = false
    }
  }, [client, reloads])

  async function edit(slug: string) {
    try {
      const { entry } = await client.departments.serviceEntry.query({ slug })
      setEditing({ entry, isNew: false })
    } catch (error) {
      setFailure(describeFailure(error))
    }
  }

  async function retire(slug: string) {
    try {
      await client.departments.retire.mutate({ slug })
      load()
    } catch (error) {
      setFailure(describeFailure(error))
    }
  }

  if (editing) {
    return (
      <ServiceEditor
        client={client}
        language={language}
        initial={editing.entry}
        isNew={editing.isNew}
        onClose={() => {
          setEditing(null)
          load()
        }}
      />
    )
  }

  return (
    <section aria-labelledby="department-heading">
      <h2 id="department-heading">{t('department.heading')}</h2>
      <ErrorSummary
        title={t('errors.summaryTitle')}
        items={failure ? [{ message: t(`errors.code.${failure.code}`) }] : []}
      />
      <button type="button" className="dz-button" onClick={() => setEditing({ entry: blankEntry(), isNew: true })}>
        {t('department.newService')}
      </button>
      {services === null ? (
        <p>{t('app.loading')}</p>
      ) : (
        <table className="dz-table">
          <thead>
            <tr>
              <th scope="col">{t('department.service')}</th>
              <th scope="col">{t('department.versions')}</th>
              <th scope="col">{t('department.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {services.map((service) => {
              const latest = service.versions[0]
              const title = latest?.title as DraftText | undefined
              return (
                <tr key={service.slug} data-service={service.slug}>
                  <td>
                    <strong>{title?.[language] ?? title?.en ?? service.slug}</strong>
                    <br />
                    <code>{service.slug}</code>
                  </td>
                  <td>
                    {service.versions.map((version) => (
                      <span key={version.version} className={`dz-tag dz-tag--${version.state}`}>
                        {t('department.versionState', {
                          version: version.version,
                          state: t(`department.state.${version.state}`),
                        })}
                      </span>
                    ))}
                  </td>
                  <td>
                    <button type="button" className="dz-link-button" onClick={() => void edit(service.slug)}>
                      {t('department.edit')}
                    </button>
                    {service.versions.some((version) => version.state === 'published') ? (
                      <button type="button" className="dz-link-button" onClick={() => void retire(service.slug)}>
                        {t('department.retire')}
                      </button>
                    ) : null}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
    </section>
  )
}

function ServiceEditor({
  client,
  language,
  initial,
  isNew,
  onClose,
}: {
  client: GatewayClient
  language: UiLanguage
  initial: ServiceDraftInput
  isNew: boolean
  onClose(): void
}) {
  const { t } = useTranslation()
  const [entry, setEntry] = useState<ServiceDraftInput>(initial)
  const [json, setJson] = useState<Record<'formSchema' | 'presentation' | 'requiredDocuments', string>>(() => ({
    formSchema: JSON.stringify(initial.formSchema, null, 2),
    presentation: JSON.stringify(initial.presentation, null, 2),
    requiredDocuments: JSON.stringify(initial.requiredDocuments, null, 2),
  }))
  const [jsonErrors, setJsonErrors] = useState<Record<string, string | undefined>>({})
  const [problems, setProblems] = useState<FieldError[]>([])
  const [notice, setNotice] = useState<Notice | null>(null)
  const [previewLanguage, setPreviewLanguage] = useState<UiLanguage>(language)
  const [previewValues, setPreviewValues] = useState<FormValues>({})
  const [importText, setImportText] = useState('')

  const set = <K extends keyof ServiceDraftInput>(key: K, value: ServiceDraftInput[K]) =>
    setEntry((current) => ({ ...current, [key]: value }))
  const setText = (key: 'title' | 'summary' | 'description' | 'eligibility', lang: 'en' | 'ur', value: string) =>
    setEntry((current) => ({ ...current, [key]: { ...current[key], [lang]: value } }))

  function setJsonPart(key: 'formSchema' | 'presentation' | 'requiredDocuments', text: string) {
    setJson((current) => ({ ...current, [key]: text }))
    try {
      const value = JSON.parse(text) as unknown
      setEntry((current) => ({ ...current, [key]: value }))
      setJsonErrors((current) => ({ ...current, [key]: undefined }))
    } catch (error) {
      setJsonErrors((current) => ({ ...current, [key]: error instanceof Error ? error.message : String(error) }))
    }
  }

  function replaceEntry(next: ServiceDraftInput) {
    setEntry(next)
    setJson({
      formSchema: JSON.stringify(next.formSchema, null, 2),
      presentation: JSON.stringify(next.presentation, null, 2),
      requiredDocuments: JSON.stringify(next.requiredDocuments, null, 2),
    })
    setJsonErrors({})
  }

  function importJson() {
    try {
      const parsed = ServiceDraftInput.safeParse(JSON.parse(importText))
      if (!parsed.success) {
        setProblems(
          parsed.error.issues.map((issue) => ({
            field: issue.path.join('.'),
            reason: issue.code,
            message: issue.message,
          })),
        )
        return
      }
      replaceEntry(parsed.data)
      setProblems([])
      setNotice({ tone: 'success', text: t('department.imported') })
    } catch (error) {
      setProblems([
        { field: 'import', reason: 'not_json', message: error instanceof Error ? error.message : String(error) },
      ])
    }
  }

  const exportHref = `data:application/json;charset=utf-8,${encodeURIComponent(JSON.stringify(entry, null, 2))}`

  async function save(): Promise<boolean> {
    setNotice(null)
    if (Object.values(jsonErrors).some(Boolean)) {
      setProblems(
        Object.entries(jsonErrors).flatMap(([field, message]) =>
          message ? [{ field, reason: 'not_json', message }] : [],
        ),
      )
      return false
    }
    try {
      const saved = await client.departments.saveDraft.mutate(entry)
      setProblems([])
      setNotice({ tone: 'success', text: t('department.saved', { version: saved.version }) })
      return true
    } catch (error) {
      showFailure(error)
      return false
    }
  }

  async function publish() {
    if (!(await save())) return
    try {
      const published = await client.departments.publish.mutate({ slug: entry.slug })
      setNotice({ tone: 'success', text: t('department.published', { version: published.version }) })
    } catch (error) {
      showFailure(error)
    }
  }

  function showFailure(error: unknown) {
    const failure = describeFailure(error)
    if (failure.fieldErrors.length > 0) {
      setProblems(failure.fieldErrors)
      setNotice({ tone: 'problem', text: t('department.refused') })
    } else {
      setProblems([])
      setNotice({ tone: 'problem', text: t(`errors.code.${failure.code}`) })
    }
  }

  const previewEntry: Pick<
    CatalogueEntry,
    'kind' | 'description' | 'eligibility' | 'requiredDocuments' | 'fee' | 'processingDays' | 'channels' | 'department'
  > = {
    kind: entry.kind,
    description: { en: entry.description.en ?? '', ur: entry.description.ur ?? '' },
    eligibility: { en: entry.eligibility.en ?? '', ur: entry.eligibility.ur ?? '' },
    requiredDocuments: Array.isArray(entry.requiredDocuments)
      ? entry.requiredDocuments.map((document) => ({
          name: { en: document.name?.en ?? '', ur: document.name?.ur ?? '' },
          upload: Boolean(document.upload),
          ...(document.description
            ? { description: { en: document.description.en ?? '', ur: document.description.ur ?? '' } }
            : {}),
        }))
      : [],
    fee: entry.fee,
    processingDays: entry.processingDays,
    channels: entry.channels,
    department: { code: '', name: { en: t('department.yourDepartment'), ur: t('department.yourDepartment') } },
  }

  const textRow = (key: 'title' | 'summary' | 'description' | 'eligibility', long = false) => (
    <div className="dz-editor__pair">
      {(['en', 'ur'] as const).map((lang) => (
        <LabelledControl
          key={lang}
          id={`edit-${key}-${lang}`}
          label={t(`department.field.${key}`, { language: t(`language.${lang}`) })}
        >
          {long ? (
            <textarea
              id={`edit-${key}-${lang}`}
              dir={lang === 'ur' ? 'rtl' : 'ltr'}
              lang={lang}
              rows={3}
              value={entry[key][lang] ?? ''}
              onChange={(event) => setText(key, lang, event.target.value)}
            />
          ) : (
            <input
              id={`edit-${key}-${lang}`}
              dir={lang === 'ur' ? 'rtl' : 'ltr'}
              lang={lang}
              value={entry[key][lang] ?? ''}
              onChange={(event) => setText(key, lang, event.target.value)}
            />
          )}
        </LabelledControl>
      ))}
    </div>
  )

  return (
    <section aria-labelledby="editor-heading" className="dz-editor">
      <button type="button" className="dz-link-button" onClick={onClose}>
        {t('department.backToList')}
      </button>
      <h2 id="editor-heading">{isNew ? t('department.newService') : t('department.editing', { slug: entry.slug })}</h2>
      {notice ? (
        <p role="status" className={`dz-notice dz-notice--${notice.tone}`} data-testid="editor-notice">
          {notice.text}
        </p>
      ) : null}
      {problems.length > 0 ? (
        <div className="dz-error-summary" role="alert" data-testid="publish-problems">
          <h3>{t('department.problemsHeading')}</h3>
          <ul>
            {problems.map((problem, index) => (
              <li key={index}>
                <code>{problem.field}</code>: {problem.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <div className="dz-editor__columns">
        <div className="dz-editor__form">
          <LabelledControl id="edit-slug" label={t('department.field.slug')}>
            <input
              id="edit-slug"
              value={entry.slug}
              readOnly={!isNew}
              onChange={(event) => set('slug', event.target.value)}
            />
          </LabelledControl>
          <div className="dz-editor__pair">
            <LabelledControl id="edit-kind" label={t('department.field.kind')}>
              <select
                id="edit-kind"
                value={entry.kind}
                onChange={(event) => set('kind', event.target.value as 'application' | 'lookup')}
              >
                <option value="application">{t('catalogue.kind.application')}</option>
                <option value="lookup">{t('catalogue.kind.lookup')}</option>
              </select>
            </LabelledControl>
            <LabelledControl id="edit-category" label={t('department.field.category')}>
              <select
                id="edit-category"
                value={entry.category}
                onChange={(event) => set('category', event.target.value as ServiceDraftInput['category'])}
              >
                {ServiceCategory.options.map((category) => (
                  <option key={category} value={category}>
                    {t(`category.${category}`)}
                  </option>
                ))}
              </select>
            </LabelledControl>
          </div>
          {textRow('title')}
          {textRow('summary', true)}
          {textRow('description', true)}
          {textRow('eligibility', true)}
          <div className="dz-editor__pair">
            <LabelledControl id="edit-fee-kind" label={t('department.field.fee')}>
              <select
                id="edit-fee-kind"
                value={entry.fee.kind}
                onChange={(event) => {
                  const kind = event.target.value
                  set(
                    'fee',
                    kind === 'fixed'
                      ? { kind, amountMinor: 10_000, currency: 'PKR' }
                      : { kind: kind as 'free' | 'quoted' },
                  )
                }}
              >
                <option value="free">{t('department.fee.free')}</option>
                <option value="fixed">{t('department.fee.fixed')}</option>
                <option value="quoted">{t('department.fee.quoted')}</option>
              </select>
            </LabelledControl>
            {entry.fee.kind === 'fixed' ? (
              <LabelledControl id="edit-fee-amount" label={t('department.field.feeAmount')}>
                <input
                  id="edit-fee-amount"
                  inputMode="numeric"
                  value={String(entry.fee.amountMinor)}
                  onChange={(event) =>
                    set('fee', { kind: 'fixed', currency: 'PKR', amountMinor: Number(event.target.value) || 0 })
                  }
                />
              </LabelledControl>
            ) : null}
            <LabelledControl id="edit-days" label={t('department.field.processingDays')}>
              <input
                id="edit-days"
                inputMode="numeric"
                value={entry.processingDays === null ? '' : String(entry.processingDays)}
                onChange={(event) =>
                  set('processingDays', event.target.value.trim() === '' ? null : Number(event.target.value) || 0)
                }
              />
            </LabelledControl>
          </div>
          <fieldset>
            <legend>{t('department.field.channels')}</legend>
            {Channel.options.map((channel) => (
              <label key={channel} className="dz-check">
                <input
                  type="checkbox"
                  checked={entry.channels.includes(channel)}
                  onChange={(event) =>
                    set(
                      'channels',
                      event.target.checked
                        ? [...entry.channels, channel]
                        : entry.channels.filter((existing) => existing !== channel),
                    )
                  }
                />{' '}
                {t(`channel.${channel}`)}
              </label>
            ))}
          </fieldset>
          <LabelledControl id="edit-endpoint" label={t('department.field.endpointPath')}>
            <input
              id="edit-endpoint"
              value={entry.endpointPath}
              onChange={(event) => set('endpointPath', event.target.value)}
            />
          </LabelledControl>
          {(['requiredDocuments', 'formSchema', 'presentation'] as const).map((key) => (
            <LabelledControl key={key} id={`edit-${key}`} label={t(`department.field.${key}`)} error={jsonErrors[key]}>
              <textarea
                id={`edit-${key}`}
                className="dz-code"
                rows={key === 'requiredDocuments' ? 6 : 12}
                spellCheck={false}
                value={json[key]}
                onChange={(event) => setJsonPart(key, event.target.value)}
              />
            </LabelledControl>
          ))}
          <div className="dz-form-step__actions">
            <button type="button" className="dz-button dz-button--secondary" onClick={() => void save()}>
              {t('department.saveDraft')}
            </button>
            <button type="button" className="dz-button" onClick={() => void publish()}>
              {t('department.publish')}
            </button>
            <a
              className="dz-button dz-button--secondary"
              href={exportHref}
              download={`${entry.slug || 'service'}.json`}
            >
              {t('department.export')}
            </a>
          </div>
          <details>
            <summary>{t('department.import')}</summary>
            <LabelledControl id="edit-import" label={t('department.importHelp')}>
              <textarea
                id="edit-import"
                className="dz-code"
                rows={6}
                value={importText}
                onChange={(event) => setImportText(event.target.value)}
              />
            </LabelledControl>
            <button type="button" className="dz-button dz-button--secondary" onClick={importJson}>
              {t('department.importButton')}
            </button>
          </details>
        </div>

        <aside
          className="dz-editor__preview"
          aria-labelledby="preview-heading"
          data-testid="preview"
          lang={previewLanguage}
          dir={previewLanguage === 'ur' ? 'rtl' : 'ltr'}
        >
          <h3 id="preview-heading">{t('department.preview')}</h3>
          <p>
            {(['en', 'ur'] as const).map((lang) => (
              <button
                key={lang}
                type="button"
                className="dz-link-button"
                aria-pressed={previewLanguage === lang}
                onClick={() => setPreviewLanguage(lang)}
              >
                {t(`language.${lang}`)}
              </button>
            ))}
          </p>
          <h2 data-testid="preview-title">{entry.title[previewLanguage] ?? ''}</h2>
          <p className="dz-lead">{entry.summary[previewLanguage] ?? ''}</p>
          <ServiceFacts entry={previewEntry} language={previewLanguage} />
          <SchemaForm
            key={json.formSchema + json.presentation}
            formSchema={entry.formSchema}
            presentation={entry.presentation}
            language={previewLanguage}
            values={previewValues}
            idPrefix="preview"
            labels={formLabels(t)}
            onChange={setPreviewValues}
            finalAction={
              <button type="button" className="dz-button" disabled>
                {entry.kind === 'lookup' ? t('service.check') : t('department.submitPreview')}
              </button>
            }
          />
        </aside>
      </div>
    </section>
  )
}

function LabelledControl({
  id,
  label,
  error,
  children,
}: {
  id: string
  label: string
  error?: string | undefined
  children: ReactNode
}) {
  return (
    <div className={`dz-field${error ? ' dz-field--error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {error ? <p className="dz-field__error">{error}</p> : null}
      {children}
    </div>
  )
}
