// Forms saved unfinished: kept for a few days for the same citizen to finish (a kiosk gives them a
// QR code and a text message with the link), then deleted. The link's code is stored only hashed,
// and it opens the draft only for the citizen who saved it, signed in.
import { createHash, randomBytes } from 'node:crypto'
import type { Language } from '@darwaza/contracts/localized'
import { LocalizedText, pickLanguage } from '@darwaza/contracts/localized'
import type { Prisma } from '@darwaza/db'
import { auditName, deviceName, seesSandbox, type CitizenActor, type Device } from '../domain/actors.ts'
import { draftMessage, draftProblems } from '../domain/drafts.ts'
import { DomainError, invalidInput } from '../domain/errors.ts'
import { appendAudit } from '../persistence/audit-log.ts'
import type { AccessDeps } from './deps.ts'

type DraftValues = Record<string, string | boolean>

const hashOf = (code: string) => createHash('sha256').update(code).digest('hex')

export async function saveDraft(
  deps: AccessDeps,
  citizen: CitizenActor,
  device: Device,
  input: { service: string; form: DraftValues; language: Language },
) {
  const version = await deps.db.serviceVersion.findFirst({
    where: {
      state: 'published',
      service: {
        slug: input.service,
        kind: 'application',
        department: { state: { in: seesSandbox(citizen) ? ['live', 'sandbox'] : ['live'] } },
      },
    },
    orderBy: { version: 'desc' },
    select: { id: true, title: true, formSchema: true },
  })
  if (!version) throw new DomainError('NOT_FOUND', `There is no published application "${input.service}".`)
  const properties = (version.formSchema as { properties?: Record<string, unknown> }).properties ?? {}
  const problems = draftProblems(Object.keys(properties), input.form)
  if (problems.length > 0) throw invalidInput(problems)

  const now = deps.now()
  const expiresAt = new Date(now.getTime() + deps.config.draftDays * 86_400_000)
  const code = randomBytes(32).toString('base64url')
  const resumeUrl = `${deps.config.publicUrl}/#/draft?code=${code}`
  const person = await deps.db.citizen.findUniqueOrThrow({ where: { id: citizen.citizenId }, select: { phone: true } })
  const title = pickLanguage(LocalizedText.parse(version.title), input.language)
  return deps.db.$transaction(async (tx) => {
    const draft = await tx.formDraft.create({
      data: {
        citizenId: citizen.citizenId,
        serviceVersionId: version.id,
        formData: input.form,
        language: input.language,
        resumeCodeHash: hashOf(code),
        expiresAt,
      },
      select: { id: true },
    })
    // Sent from the durable outbox like every other message: saving never waits on the SMS provider.
    await tx.notification.create({
      data: {
        citizenId: citizen.citizenId,
        channel: 'sms',
        to: person.phone,
        body: draftMessage(input.language, title, resumeUrl, expiresAt),
        nextAttemptAt: now,
      },
    })
    await appendAudit(
      tx,
      deps.provider,
      {
        event: 'draft.saved',
        actor: auditName(citizen),
        device: deviceName(device),
        data: { draftId: draft.id, service: input.service },
      },
      now,
    )
    return { draftId: draft.id, resumeUrl, expiresAt }
  })
}

const draftSelect = {
  id: true,
  citizenId: true,
  formData: true,
  language: true,
  expiresAt: true,
  submittedAt: true,
  serviceVersion: { select: { service: { select: { slug: true } } } },
} satisfies Prisma.FormDraftSelect

export async function openDraft(
  deps: AccessDeps,
  citizen: CitizenActor,
  device: Device,
  input: { code: string } | { draftId: string },
) {
  const draft = await deps.db.formDraft.findUnique({
    where: 'code' in input ? { resumeCodeHash: hashOf(input.code) } : { id: input.draftId },
    select: draftSelect,
  })
  // Someone else's draft is answered exactly like one that does not exist.
  if (!draft || draft.citizenId !== citizen.citizenId || draft.submittedAt) {
    throw new DomainError('NOT_FOUND', 'There is no such unfinished form for you. It may have been finished already.')
  }
  if (draft.expiresAt <= deps.now()) {
    throw new DomainError('NOT_FOUND', 'This unfinished form has expired. Please start the form again.')
  }
  await deps.db.$transaction((tx) =>
    appendAudit(
      tx,
      deps.provider,
      { event: 'draft.opened', actor: auditName(citizen), device: deviceName(device), data: { draftId: draft.id } },
      deps.now(),
    ),
  )
  return {
    draftId: draft.id,
    service: draft.serviceVersion.service.slug,
    form: draft.formData as DraftValues,
    language: draft.language as Language,
    expiresAt: draft.expiresAt,
  }
}

export async function listDrafts(deps: AccessDeps, citizen: CitizenActor) {
  const drafts = await deps.db.formDraft.findMany({
    where: { citizenId: citizen.citizenId, submittedAt: null, expiresAt: { gt: deps.now() } },
    orderBy: { updatedAt: 'desc' },
    select: {
      id: true,
      updatedAt: true,
      expiresAt: true,
      serviceVersion: { select: { title: true, service: { select: { slug: true } } } },
    },
  })
  return drafts.map((draft) => ({
    draftId: draft.id,
    service: draft.serviceVersion.service.slug,
    title: LocalizedText.parse(draft.serviceVersion.title),
    savedAt: draft.updatedAt,
    expiresAt: draft.expiresAt,
  }))
}

/** Done with it: submitted from it, or thrown away. Its answers are deleted. */
export async function closeDraft(
  deps: AccessDeps,
  citizen: CitizenActor,
  device: Device,
  draftId: string,
  outcome: 'submitted' | 'discarded',
) {
  const now = deps.now()
  await deps.db.$transaction(async (tx) => {
    const closed = await tx.formDraft.updateMany({
      where: { id: draftId, citizenId: citizen.citizenId, submittedAt: null },
      data: { submittedAt: now, formData: {} },
    })
    if (closed.count === 0) throw new DomainError('NOT_FOUND', 'There is no such unfinished form for you.')
    await appendAudit(
      tx,
      deps.provider,
      { event: `draft.${outcome}`, actor: auditName(citizen), device: deviceName(device), data: { draftId } },
      now,
    )
  })
  return { ok: true }
}

/** Expired and closed drafts go: nobody keeps a citizen's half-filled form longer than it is useful. */
export async function purgeDrafts(deps: Pick<AccessDeps, 'db' | 'now'>) {
  const now = deps.now()
  const removed = await deps.db.formDraft.deleteMany({
    where: { OR: [{ expiresAt: { lte: now } }, { submittedAt: { not: null } }] },
  })
  return removed.count
}
