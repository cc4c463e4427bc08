// The demo catalogue: the Traffic Police department and its services, written as the department
// would publish them. Seeding is idempotent: running it again updates rather than duplicates.
import type { Db, Prisma } from '../index.ts'

export interface DemoDepartmentUrls {
  trafficPolice: string
}

const jsonSchemaDialect = 'https://json-schema.org/draft/2020-12/schema'

export async function seedDemoCatalogue(db: Db, urls: DemoDepartmentUrls): Promise<void> {
  const department = await db.department.upsert({
    where: { code: 'traffic-police' },
    create: {
      code: 'traffic-police',
      name: { en: 'Traffic Police', ur: 'ٹریفک پولیس' },
      baseUrl: urls.trafficPolice,
      state: 'live',
    },
    update: { baseUrl: urls.trafficPolice, state: 'live' },
  })

  await publishVersion(db, department.id, {
    slug: 'echallan-verification',
    kind: 'lookup',
    category: 'vehicles_and_transport',
    title: { en: 'Verify an e-challan', ur: 'ای چالان کی تصدیق' },
    summary: {
      en: 'Check the amount, status and due date of a traffic ticket from its number.',
      ur: 'ٹریفک چالان کے نمبر سے اس کی رقم، کیفیت اور ادائیگی کی آخری تاریخ معلوم کریں۔',
    },
    formSchema: {
      $schema: jsonSchemaDialect,
      type: 'object',
      additionalProperties: false,
      required: ['challanNumber'],
      properties: { challanNumber: { type: 'string', pattern: '^[0-9]{10}$' } },
    },
    presentation: {
      fields: {
        challanNumber: {
          label: { en: 'E-challan number', ur: 'ای چالان نمبر' },
          help: {
            en: 'The 10-digit number printed on the ticket or in the SMS you received.',
            ur: 'چالان پر یا موصول ہونے والے SMS میں درج 10 ہندسوں کا نمبر۔',
          },
          inputMode: 'numeric',
        },
      },
    },
    endpointPath: '/lookups/echallan-verification',
    keywords: {
      en: ['traffic ticket', 'fine', 'challan'],
      ur: ['چالان', 'جرمانہ', 'ٹکٹ'],
      romanized: ['challan', 'e challan', 'jurmana', 'chalan'],
    },
    citizenAttributes: [],
    channels: ['kiosk', 'web', 'assisted'],
    fee: null,
    processingDays: 0,
  })

  await publishVersion(db, department.id, {
    slug: 'driving-licence-renewal',
    kind: 'application',
    category: 'vehicles_and_transport',
    title: { en: 'Renew a driving licence', ur: 'ڈرائیونگ لائسنس کی تجدید' },
    summary: {
      en: 'Renew a driving licence that has expired or expires within the next 60 days.',
      ur: 'ایسے ڈرائیونگ لائسنس کی تجدید کروائیں جس کی میعاد ختم ہو چکی ہو یا اگلے 60 دن میں ختم ہو رہی ہو۔',
    },
    formSchema: {
      $schema: jsonSchemaDialect,
      type: 'object',
      additionalProperties: false,
      required: ['licenceNumber', 'licenceCategory'],
      properties: {
        licenceNumber: { type: 'string', pattern: '^[A-Z]{2,4}-[0-9]{4,10}$' },
        licenceCategory: { type: 'string', enum: ['motorcycle', 'car', 'ltv', 'htv'] },
      },
    },
    presentation: {
      fields: {
        licenceNumber: {
          label: { en: 'Licence number', ur: 'لائسنس نمبر' },
          help: {
            en: 'As printed on your licence, e.g. LHR-123456.',
            ur: 'جیسا آپ کے لائسنس پر درج ہے، مثلاً LHR-123456۔',
          },
        },
        licenceCategory: { label: { en: 'Licence category', ur: 'لائسنس کی قسم' } },
      },
    },
    endpointPath: '/applications/driving-licence-renewal',
    keywords: {
      en: ['license', 'driving license', 'renewal'],
      ur: ['لائسنس', 'تجدید', 'ڈرائیونگ'],
      romanized: ['lisans', 'license tajdeed', 'tajdeed', 'driving'],
    },
    citizenAttributes: ['identityNumber', 'name', 'dateOfBirth'],
    channels: ['kiosk', 'web', 'assisted'],
    fee: { amountMinor: 150_000, currency: 'PKR' },
    processingDays: 7,
  })
}

interface VersionSeed {
  slug: string
  kind: 'lookup' | 'application'
  category: 'vehicles_and_transport'
  title: { en: string; ur: string }
  summary: { en: string; ur: string }
  formSchema: Prisma.InputJsonObject
  presentation: Prisma.InputJsonObject
  endpointPath: string
  keywords: { en: string[]; ur: string[]; romanized: string[] }
  citizenAttributes: string[]
  channels: string[]
  fee: { amountMinor: number; currency: string } | null
  processingDays: number
}

async function publishVersion(db: Db, departmentId: string, seed: VersionSeed) {
  const service = await db.service.upsert({
    where: { slug: seed.slug },
    create: { slug: seed.slug, kind: seed.kind, category: seed.category, departmentId },
    update: {},
  })
  const content = {
    title: seed.title,
    summary: seed.summary,
    formSchema: seed.formSchema,
    presentation: seed.presentation,
    endpointPath: seed.endpointPath,
    keywords: seed.keywords,
    citizenAttributes: seed.citizenAttributes,
    channels: seed.channels,
    feeMinor: seed.fee?.amountMinor ?? null,
    feeCurrency: seed.fee?.currency ?? null,
    processingDays: seed.processingDays,
  }
  await db.serviceVersion.upsert({
    where: { serviceId_version: { serviceId: service.id, version: 1 } },
    create: { serviceId: service.id, version: 1, state: 'published', publishedAt: new Date(), ...content },
    update: {},
  })
}
