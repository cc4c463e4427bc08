// The demo catalogue's content: six departments and their services, in English and Urdu, written as
// each department would publish them. Each service is a catalogue entry in exactly the shape a
// department admin exports and imports; its form schema's "examples" are the conformance samples.
import type { ServiceDraftInput } from '@darwaza/contracts/catalogue'

export interface DemoDepartment {
  code: string
  name: { en: string; ur: string }
  contact: { name: string; email: string; phone: string }
  services: ServiceDraftInput[]
}

const dialect = 'https://json-schema.org/draft/2020-12/schema'
const text = (en: string, ur: string) => ({ en, ur })
const cnic = { type: 'string', pattern: '^[0-9]{13}$' } as const
const allChannels: ServiceDraftInput['channels'] = ['kiosk', 'web', 'assisted']

const trafficPolice: DemoDepartment = {
  code: 'traffic-police',
  name: text('Traffic Police', 'ٹریفک پولیس'),
  contact: {
    name: 'Traffic Police IT desk',
    email: 'it-desk@traffic-police.darwaza.invalid',
    phone: '+92 42 111 000 015',
  },
  services: [
    {
      slug: 'echallan-verification',
      kind: 'lookup',
      category: 'vehicles_and_transport',
      title: text('Verify an e-challan', 'ای چالان کی تصدیق'),
      summary: text(
        'Check the amount, status and due date of a traffic ticket from its number.',
        'ٹریفک چالان کے نمبر سے اس کی رقم، کیفیت اور ادائیگی کی آخری تاریخ معلوم کریں۔',
      ),
      description: text(
        'Enter the 10-digit number of an e-challan to see the offence, the vehicle, the amount and whether it is paid. Use it before paying, or to confirm that a payment has reached the Traffic Police.',
        'ای چالان کا 10 ہندسوں کا نمبر درج کر کے خلاف ورزی، گاڑی، رقم اور ادائیگی کی کیفیت دیکھیں۔ ادائیگی سے پہلے، یا یہ تصدیق کرنے کے لیے استعمال کریں کہ ادائیگی ٹریفک پولیس تک پہنچ گئی ہے۔',
      ),
      eligibility: text(
        'Anyone with an e-challan number. You do not need to sign in.',
        'ای چالان نمبر رکھنے والا کوئی بھی شخص۔ سائن اِن کی ضرورت نہیں۔',
      ),
      requiredDocuments: [],
      formSchema: {
        $schema: dialect,
        type: 'object',
        additionalProperties: false,
        required: ['challanNumber'],
        properties: { challanNumber: { type: 'string', pattern: '^[0-9]{10}$' } },
        examples: [{ challanNumber: '3520100001' }],
      },
      presentation: {
        fields: {
          challanNumber: {
            label: text('E-challan number', 'ای چالان نمبر'),
            help: text(
              'The 10-digit number printed on the ticket or in the SMS you received.',
              'چالان پر یا موصول ہونے والے SMS میں درج 10 ہندسوں کا نمبر۔',
            ),
            widget: 'numeric',
          },
        },
      },
      endpointPath: '/lookups/echallan-verification',
      citizenAttributes: [],
      channels: allChannels,
      fee: { kind: 'free' },
      processingDays: 0,
      keywords: {
        en: ['traffic ticket', 'fine', 'challan'],
        ur: ['چالان', 'جرمانہ', 'ٹکٹ'],
        romanized: ['challan', 'e challan', 'jurmana', 'chalan'],
      },
    },
    {
      slug: 'echallan-payment',
      kind: 'application',
      category: 'vehicles_and_transport',
      title: text('Pay an e-challan', 'ای چالان کی ادائیگی'),
      summary: text(
        'Pay an unpaid traffic ticket and get a receipt the Traffic Police accept.',
        'غیر ادا شدہ ٹریفک چالان ادا کریں اور ٹریفک پولیس کی تسلیم شدہ رسید حاصل کریں۔',
      ),
      description: text(
        'Pay an e-challan by its number. The amount is the one on the ticket, with any late-payment surcharge the Traffic Police add after the due date. Your receipt shows the tracking number; the ticket shows as paid once the payment is confirmed.',
        'چالان نمبر کے ذریعے ای چالان ادا کریں۔ رقم وہی ہے جو چالان پر درج ہے، آخری تاریخ کے بعد ٹریفک پولیس کی جانب سے لگایا گیا جرمانہ بھی شامل ہوگا۔ رسید پر ٹریکنگ نمبر درج ہوگا؛ ادائیگی کی تصدیق کے بعد چالان ادا شدہ دکھائی دے گا۔',
      ),
      eligibility: text(
        'The owner or driver of the vehicle, or anyone paying on their behalf.',
        'گاڑی کا مالک یا ڈرائیور، یا ان کی طرف سے ادائیگی کرنے والا کوئی بھی شخص۔',
      ),
      requiredDocuments: [],
      formSchema: {
        $schema: dialect,
        type: 'object',
        additionalProperties: false,
        required: ['challanNumber'],
        properties: { challanNumber: { type: 'string', pattern: '^[0-9]{10}$' } },
        examples: [{ challanNumber: '3520100001' }],
      },
      presentation: {
        fields: {
          challanNumber: {
            label: text('E-challan number', 'ای چالان نمبر'),
            help: text('The 10-digit number on the ticket.', 'چالان پر درج 10 ہندسوں کا نمبر۔'),
            widget: 'numeric',
          },
        },
      },
      endpointPath: '/applications/echallan-payment',
      citizenAttributes: ['identityNumber', 'name'],
      channels: allChannels,
      fee: { kind: 'quoted' },
      processingDays: 1,
      keywords: {
        en: ['pay fine', 'ticket payment'],
        ur: ['چالان ادائیگی', 'جرمانہ'],
        romanized: ['challan jama', 'challan payment', 'jurmana ada'],
      },
    },
    {
      slug: 'driving-licence-renewal',
      kind: 'application',
      category: 'vehicles_and_transport',
      title: text('Renew a driving licence', 'ڈرائیونگ لائسنس کی تجدید'),
      summary: text(
        'Renew a driving licence that has expired or expires within the next 60 days.',
        'ایسے ڈرائیونگ لائسنس کی تجدید کروائیں جس کی میعاد ختم ہو چکی ہو یا اگلے 60 دن میں ختم ہو رہی ہو۔',
      ),
      description: text(
        'Apply to renew your driving licence for five years. The Traffic Police check your record; if the licence expired more than a year ago you will be asked to take the road test again. The new card is printed and can be collected from the licensing branch.',
        'اپنے ڈرائیونگ لائسنس کی پانچ سال کے لیے تجدید کی درخواست دیں۔ ٹریفک پولیس آپ کا ریکارڈ دیکھے گی؛ اگر لائسنس کی میعاد ایک سال سے زیادہ پہلے ختم ہوئی ہو تو آپ کو دوبارہ روڈ ٹیسٹ دینا ہوگا۔ نیا کارڈ پرنٹ ہو کر لائسنسنگ برانچ سے وصول کیا جا سکتا ہے۔',
      ),
      eligibility: text(
        'Holders of a licence issued in Punjab who are 18 or older and medically fit to drive.',
        'پنجاب سے جاری شدہ لائسنس رکھنے والے 18 سال یا اس سے زائد عمر کے افراد جو طبی طور پر گاڑی چلانے کے قابل ہوں۔',
      ),
      requiredDocuments: [
        {
          name: text('Current driving licence', 'موجودہ ڈرائیونگ لائسنس'),
          description: text(
            'Bring the old card when you collect the new one.',
            'نیا کارڈ لیتے وقت پرانا کارڈ ساتھ لائیں۔',
          ),
          upload: false,
        },
        {
          name: text('Medical certificate', 'طبی سرٹیفکیٹ'),
          description: text(
            'Needed if you are 60 or older, from a registered medical practitioner.',
            '60 سال یا زائد عمر کی صورت میں، رجسٹرڈ ڈاکٹر سے۔',
          ),
          upload: true,
        },
      ],
      formSchema: {
        $schema: dialect,
        type: 'object',
        additionalProperties: false,
        required: ['licenceNumber', 'licenceCategory'],
        properties: {
          licenceNumber: { type: 'string', pattern: '^[A-Z]{2,4}-[0-9]{4,10}$' },
          licenceCategory: { type: 'string', enum: ['motorcycle', 'car', 'ltv', 'htv'] },
        },
        examples: [{ licenceNumber: 'LHR-123456', licenceCategory: 'car' }],
      },
      presentation: {
        fields: {
          licenceNumber: {
            label: text('Licence number', 'لائسنس نمبر'),
            help: text('As printed on your licence, e.g. LHR-123456.', 'جیسا آپ کے لائسنس پر درج ہے، مثلاً LHR-123456۔'),
          },
          licenceCategory: {
            label: text('Licence category', 'لائسنس کی قسم'),
            widget: 'radio',
            options: {
              motorcycle: text('Motorcycle', 'موٹر سائیکل'),
              car: text('Car', 'کار'),
              ltv: text('Light transport vehicle (LTV)', 'ہلکی ٹرانسپورٹ گاڑی (LTV)'),
              htv: text('Heavy transport vehicle (HTV)', 'بھاری ٹرانسپورٹ گاڑی (HTV)'),
            },
          },
        },
      },
      endpointPath: '/applications/driving-licence-renewal',
      citizenAttributes: ['identityNumber', 'name', 'dateOfBirth'],
      channels: allChannels,
      fee: { kind: 'fixed', amountMinor: 150_000, currency: 'PKR' },
      processingDays: 7,
      keywords: {
        en: ['license', 'driving license', 'renewal'],
        ur: ['لائسنس', 'تجدید', 'ڈرائیونگ'],
        romanized: ['lisans', 'license tajdeed', 'tajdeed', 'driving'],
      },
    },
  ],
}

const civilRegistration: DemoDepartment = {
  code: 'civil-registration',
  name: text('Civil Registration (Union Councils)', 'شہری اندراج (یونین کونسل)'),
  contact: {
    name: 'Civil registration helpdesk',
    email: 'helpdesk@civil-registration.darwaza.invalid',
    phone: '+92 42 111 000 020',
  },
  services: [
    {
      slug: 'birth-certificate',
      kind: 'application',
      category: 'family_and_civil_registration',
      title: text('Register a birth and get a birth certificate', 'پیدائش کا اندراج اور پیدائشی سرٹیفکیٹ'),
      summary: text(
        'Register a child’s birth with the union council and receive the computerised birth certificate.',
        'یونین کونسل میں بچے کی پیدائش کا اندراج کروائیں اور کمپیوٹرائزڈ پیدائشی سرٹیفکیٹ حاصل کریں۔',
      ),
      description: text(
        'A birth should be registered within 60 days; later registration is possible with a late fee decided by the union council. The certificate is needed for the child’s B-form, school admission and passport.',
        'پیدائش کا اندراج 60 دن کے اندر ہونا چاہیے؛ تاخیر سے اندراج یونین کونسل کی مقرر کردہ اضافی فیس کے ساتھ ممکن ہے۔ یہ سرٹیفکیٹ بچے کے ب فارم، اسکول داخلے اور پاسپورٹ کے لیے درکار ہے۔',
      ),
      eligibility: text(
        'The father, mother or legal guardian of a child born in the union council’s area.',
        'یونین کونسل کی حدود میں پیدا ہونے والے بچے کے والد، والدہ یا قانونی سرپرست۔',
      ),
      requiredDocuments: [
        {
          name: text('Birth slip from the hospital or midwife', 'ہسپتال یا دائی کی پیدائشی پرچی'),
          description: text('Shows the date and place of birth.', 'جس میں پیدائش کی تاریخ اور جگہ درج ہو۔'),
          upload: true,
        },
        {
          name: text('Parents’ CNICs', 'والدین کے شناختی کارڈ'),
          description: text('Copies of both parents’ identity cards.', 'والد اور والدہ دونوں کے شناختی کارڈ کی نقول۔'),
          upload: true,
        },
        {
          name: text('Nikah nama', 'نکاح نامہ'),
          description: text('The parents’ marriage certificate.', 'والدین کا نکاح نامہ۔'),
          upload: false,
        },
      ],
      formSchema: {
        $schema: dialect,
        type: 'object',
        additionalProperties: false,
        required: ['childName', 'dateOfBirth', 'sex', 'placeOfBirth', 'fatherIdentityNumber', 'motherIdentityNumber'],
        properties: {
          childName: { type: 'string', minLength: 2, maxLength: 80 },
          dateOfBirth: { type: 'string', format: 'date' },
          sex: { type: 'string', enum: ['female', 'male', 'other'] },
          placeOfBirth: { type: 'string', minLength: 2, maxLength: 120 },
          fatherIdentityNumber: cnic,
          motherIdentityNumber: cnic,
        },
        examples: [
          {
            childName: 'Zainab Ali',
            dateOfBirth: '2026-10-30',
            sex: 'female',
            placeOfBirth: 'Services Hospital, Lahore',
            fatherIdentityNumber: '3520212345671',
            motherIdentityNumber: '3520198765432',
          },
        ],
      },
      presentation: {
        steps: [
          { title: text('The child', 'بچہ'), fields: ['childName', 'dateOfBirth', 'sex', 'placeOfBirth'] },
          { title: text('The parents', 'والدین'), fields: ['fatherIdentityNumber', 'motherIdentityNumber'] },
        ],
        fields: {
          childName: { label: text('Child’s full name', 'بچے کا پورا نام') },
          dateOfBirth: { label: text('Date of birth', 'تاریخ پیدائش'), widget: 'date' },
          sex: {
            label: text('Sex', 'جنس'),
            widget: 'radio',
            options: { female: text('Female', 'لڑکی'), male: text('Male', 'لڑکا'), other: text('Other', 'دیگر') },
          },
          placeOfBirth: {
            label: text('Place of birth', 'جائے پیدائش'),
            help: text(
              'Hospital name, or the address if born at home.',
              'ہسپتال کا نام، یا گھر پر پیدائش کی صورت میں پتہ۔',
            ),
          },
          fatherIdentityNumber: { label: text('Father’s CNIC', 'والد کا شناختی کارڈ نمبر'), widget: 'numeric' },
          motherIdentityNumber: { label: text('Mother’s CNIC', 'والدہ کا شناختی کارڈ نمبر'), widget: 'numeric' },
        },
      },
      endpointPath: '/applications/birth-certificate',
      citizenAttributes: ['identityNumber', 'name', 'phone'],
      channels: allChannels,
      fee: { kind: 'fixed', amountMinor: 20_000, currency: 'PKR' },
      processingDays: 5,
      keywords: {
        en: ['birth', 'certificate', 'newborn', 'baby'],
        ur: ['پیدائش', 'سرٹیفکیٹ', 'بچہ'],
        romanized: ['paidaish', 'birth certificate', 'peda', 'union council'],
      },
      notificationTemplates: {
        completed: text(
          'Darwaza: the birth certificate for {trackingNumber} is issued. Download it from My records.',
          'دروازہ: درخواست {trackingNumber} کا پیدائشی سرٹیفکیٹ جاری ہو گیا۔ "میرا ریکارڈ" سے ڈاؤن لوڈ کریں۔',
        ),
      },
    },
  ],
}

const health: DemoDepartment = {
  code: 'health',
  name: text('Primary and Secondary Healthcare Department', 'محکمہ صحت'),
  contact: { name: 'Health services desk', email: 'services@health.darwaza.invalid', phone: '+92 42 111 000 030' },
  services: [
    {
      slug: 'primary-care-slots',
      kind: 'lookup',
      category: 'health',
      title: text('Free places at Basic Health Units', 'بنیادی مراکز صحت میں خالی جگہیں'),
      summary: text(
        'See how many appointment places are free in the coming days at a Basic Health Unit.',
        'دیکھیں کہ آنے والے دنوں میں کسی بنیادی مرکز صحت میں ملاقات کی کتنی جگہیں خالی ہیں۔',
      ),
      description: text(
        'Choose a Basic Health Unit to see the free places for each of the next five working days. Units are closed on Fridays and Sundays. Book a place with “Book a primary-care appointment”.',
        'بنیادی مرکز صحت منتخب کریں اور اگلے پانچ کاروباری دنوں کی خالی جگہیں دیکھیں۔ مراکز جمعہ اور اتوار کو بند رہتے ہیں۔ جگہ بُک کرنے کے لیے “بنیادی مرکز صحت میں وقت لیں” استعمال کریں۔',
      ),
      eligibility: text('Anyone. You do not need to sign in.', 'کوئی بھی شخص۔ سائن اِن کی ضرورت نہیں۔'),
      requiredDocuments: [],
      formSchema: {
        $schema: dialect,
        type: 'object',
        additionalProperties: false,
        required: ['facility'],
        properties: {
          facility: { type: 'string', enum: ['bhu-kot-lakhpat', 'bhu-shadbagh', 'bhu-raiwind', 'bhu-manga-mandi'] },
        },
        examples: [{ facility: 'bhu-shadbagh' }],
      },
      presentation: {
        fields: {
          facility: {
            label: text('Basic Health Unit', 'بنیادی مرکز صحت'),
            widget: 'select',
            options: {
              'bhu-kot-lakhpat': text('BHU Kot Lakhpat', 'بی ایچ یو کوٹ لکھپت'),
              'bhu-shadbagh': text('BHU Shadbagh', 'بی ایچ یو شادباغ'),
              'bhu-raiwind': text('BHU Raiwind', 'بی ایچ یو رائیونڈ'),
              'bhu-manga-mandi': text('BHU Manga Mandi', 'بی ایچ یو مانگا منڈی'),
            },
          },
        },
      },
      endpointPath: '/lookups/primary-care-slots',
      citizenAttributes: [],
      channels: allChannels,
      fee: { kind: 'free' },
      processingDays: 0,
      keywords: {
        en: ['free places', 'doctor', 'clinic'],
        ur: ['خالی جگہ', 'ڈاکٹر', 'مرکز صحت'],
        romanized: ['doctor ka time', 'sehat markaz', 'khali jagah'],
      },
    },
    {
      slug: 'primary-care-appointment',
      kind: 'application',
      category: 'health',
      title: text('Book a primary-care appointment', 'بنیادی مرکز صحت میں وقت لیں'),
      summary: text(
        'Book a visit to a doctor at a Basic Health Unit near you.',
        'اپنے قریبی بنیادی مرکز صحت میں ڈاکٹر سے ملاقات کا وقت لیں۔',
      ),
      description: text(
        'Choose a Basic Health Unit and a day. The unit confirms a time by SMS. Consultations and basic medicines at Basic Health Units are free. In an emergency, call 1122 instead.',
        'بنیادی مرکز صحت اور دن منتخب کریں۔ مرکز SMS کے ذریعے وقت کی تصدیق کرے گا۔ بنیادی مراکز صحت میں معائنہ اور بنیادی ادویات مفت ہیں۔ ہنگامی صورت میں 1122 پر کال کریں۔',
      ),
      eligibility: text(
        'Anyone, for themselves or a family member.',
        'کوئی بھی شخص، اپنے لیے یا خاندان کے کسی فرد کے لیے۔',
      ),
      requiredDocuments: [
        {
          name: text('CNIC or B-form', 'شناختی کارڈ یا ب فارم'),
          description: text('Of the patient, shown at the unit.', 'مریض کا، مرکز پر دکھانا ہوگا۔'),
          upload: false,
        },
      ],
      formSchema: {
        $schema: dialect,
        type: 'object',
        additionalProperties: false,
        required: ['facility', 'preferredDate', 'reason'],
        properties: {
          facility: { type: 'string', enum: ['bhu-kot-lakhpat', 'bhu-shadbagh', 'bhu-raiwind', 'bhu-manga-mandi'] },
          preferredDate: { type: 'string', format: 'date' },
          reason: { type: 'string', minLength: 3, maxLength: 500 },
        },
        examples: [{ facility: 'bhu-shadbagh', preferredDate: '2026-12-01', reason: 'Fever and cough for three days' }],
      },
      presentation: {
        fields: {
          facility: {
            label: text('Basic Health Unit', 'بنیادی مرکز صحت'),
            widget: 'select',
            options: {
              'bhu-kot-lakhpat': text('BHU Kot Lakhpat', 'بی ایچ یو کوٹ لکھپت'),
              'bhu-shadbagh': text('BHU Shadbagh', 'بی ایچ یو شادباغ'),
              'bhu-raiwind': text('BHU Raiwind', 'بی ایچ یو رائیونڈ'),
              'bhu-manga-mandi': text('BHU Manga Mandi', 'بی ایچ یو مانگا منڈی'),
            },
          },
          preferredDate: { label: text('Preferred day', 'پسندیدہ دن'), widget: 'date' },
          reason: {
            label: text('Reason for the visit', 'ملاقات کی وجہ'),
            help: text('A few words for the doctor.', 'ڈاکٹر کے لیے چند الفاظ۔'),
            widget: 'textarea',
          },
        },
      },
      endpointPath: '/applications/primary-care-appointment',
      citizenAttributes: ['identityNumber', 'name', 'dateOfBirth', 'phone'],
      channels: allChannels,
      fee: { kind: 'free' },
      processingDays: 1,
      keywords: {
        en: ['doctor', 'appointment', 'clinic', 'hospital'],
        ur: ['ڈاکٹر', 'ہسپتال', 'مرکز صحت'],
        romanized: ['doctor ka time', 'hospital parchi', 'sehat', 'appointment'],
      },
      notificationTemplates: {
        approved: text(
          'Darwaza: your appointment {trackingNumber} is confirmed. Bring the patient’s CNIC or B-form to the unit.',
          'دروازہ: آپ کی ملاقات {trackingNumber} کی تصدیق ہو گئی۔ مریض کا شناختی کارڈ یا ب فارم مرکز پر ساتھ لائیں۔',
        ),
        rejected: text(
          'Darwaza: the unit could not give appointment {trackingNumber}. Book another day under Services.',
          'دروازہ: مرکز ملاقات {trackingNumber} نہیں دے سکا۔ "سروسز" میں کوئی اور دن بُک کریں۔',
        ),
      },
    },
  ],
}

const education: DemoDepartment = {
  code: 'education',
  name: text('School Education Department', 'محکمہ تعلیم'),
  contact: { name: 'Admissions cell', email: 'admissions@education.darwaza.invalid', phone: '+92 42 111 000 040' },
  services: [
    {
      slug: 'school-registration',
      kind: 'application',
      category: 'education',
      title: text('Register a child at a government school', 'سرکاری اسکول میں بچے کا داخلہ'),
      summary: text(
        'Apply for a place for your child at a government school for the new session.',
        'نئے تعلیمی سال کے لیے سرکاری اسکول میں اپنے بچے کے داخلے کی درخواست دیں۔',
      ),
      description: text(
        'Government schools charge no tuition fee. The district education office places your child at the nearest school with a free seat in the class you ask for and tells you by SMS where and when to report.',
        'سرکاری اسکولوں میں کوئی ٹیوشن فیس نہیں۔ ضلعی محکمہ تعلیم آپ کے بچے کو مطلوبہ جماعت میں خالی نشست والے قریب ترین اسکول میں داخلہ دے گا اور SMS کے ذریعے بتائے گا کہ کہاں اور کب آنا ہے۔',
      ),
      eligibility: text(
        'Parents or guardians of children aged 4 to 16 living in the district.',
        'ضلع میں رہائش پذیر 4 سے 16 سال کے بچوں کے والدین یا سرپرست۔',
      ),
      requiredDocuments: [
        {
          name: text('Child’s B-form', 'بچے کا ب فارم'),
          description: text(
            'The Child Registration Certificate from NADRA.',
            'نادرا سے جاری شدہ چائلڈ رجسٹریشن سرٹیفکیٹ۔',
          ),
          upload: true,
        },
        {
          name: text('School leaving certificate', 'اسکول چھوڑنے کا سرٹیفکیٹ'),
          description: text('Only when moving from another school.', 'صرف دوسرے اسکول سے آنے کی صورت میں۔'),
          upload: true,
        },
      ],
      formSchema: {
        $schema: dialect,
        type: 'object',
        additionalProperties: false,
        required: ['childName', 'dateOfBirth', 'bFormNumber', 'grade'],
        properties: {
          childName: { type: 'string', minLength: 2, maxLength: 80 },
          dateOfBirth: { type: 'string', format: 'date' },
          bFormNumber: cnic,
          grade: { type: 'string', enum: ['nursery', 'prep', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10'] },
          preferredSchool: { type: 'string', maxLength: 120 },
        },
        examples: [{ childName: 'Ahmed Raza', dateOfBirth: '2020-03-14', bFormNumber: '3520123456789', grade: '1' }],
      },
      presentation: {
        steps: [
          { title: text('The child', 'بچہ'), fields: ['childName', 'dateOfBirth', 'bFormNumber'] },
          { title: text('The school', 'اسکول'), fields: ['grade', 'preferredSchool'] },
        ],
        fields: {
          childName: { label: text('Child’s full name', 'بچے کا پورا نام') },
          dateOfBirth: { label: text('Date of birth', 'تاریخ پیدائش'), widget: 'date' },
          bFormNumber: {
            label: text('B-form number', 'ب فارم نمبر'),
            help: text('13 digits, printed on the B-form.', 'ب فارم پر درج 13 ہندسے۔'),
            widget: 'numeric',
          },
          grade: {
            label: text('Class', 'جماعت'),
            widget: 'select',
            options: {
              nursery: text('Nursery', 'نرسری'),
              prep: text('Prep', 'پریپ'),
              '1': text('Class 1', 'جماعت اول'),
              '2': text('Class 2', 'جماعت دوم'),
              '3': text('Class 3', 'جماعت سوم'),
              '4': text('Class 4', 'جماعت چہارم'),
              '5': text('Class 5', 'جماعت پنجم'),
              '6': text('Class 6', 'جماعت ششم'),
              '7': text('Class 7', 'جماعت ہفتم'),
              '8': text('Class 8', 'جماعت ہشتم'),
              '9': text('Class 9', 'جماعت نہم'),
              '10': text('Class 10', 'جماعت دہم'),
            },
          },
          preferredSchool: {
            label: text('Preferred school', 'پسندیدہ اسکول'),
            help: text('Leave empty for the nearest school with a seat.', 'خالی چھوڑیں تو قریب ترین دستیاب اسکول۔'),
          },
        },
      },
      endpointPath: '/applications/school-registration',
      citizenAttributes: ['identityNumber', 'name', 'phone'],
      channels: allChannels,
      fee: { kind: 'free' },
      processingDays: 10,
      keywords: {
        en: ['school', 'admission', 'enrolment'],
        ur: ['اسکول', 'داخلہ', 'تعلیم'],
        romanized: ['school dakhla', 'dakhla', 'taleem', 'admission'],
      },
    },
  ],
}

const waterBoard: DemoDepartment = {
  code: 'water-board',
  name: text('Water and Sanitation Agency', 'واسا (واٹر اینڈ سینی ٹیشن ایجنسی)'),
  contact: {
    name: 'WASA customer services',
    email: 'customer@water-board.darwaza.invalid',
    phone: '+92 42 111 000 050',
  },
  services: [
    {
      slug: 'water-bill',
      kind: 'lookup',
      category: 'water_and_utilities',
      title: text('Check a water bill', 'پانی کا بل دیکھیں'),
      summary: text(
        'See the latest water bill, its amount and due date, from the consumer number.',
        'صارف نمبر سے پانی کا تازہ ترین بل، رقم اور آخری تاریخ دیکھیں۔',
      ),
      description: text(
        'Enter the consumer number printed on any of your water bills to see this month’s amount, the due date and whether it has been paid.',
        'اپنے کسی بھی پانی کے بل پر درج صارف نمبر درج کریں اور اس مہینے کی رقم، آخری تاریخ اور ادائیگی کی کیفیت دیکھیں۔',
      ),
      eligibility: text(
        'Anyone with a consumer number. You do not need to sign in.',
        'صارف نمبر رکھنے والا کوئی بھی شخص۔ سائن اِن کی ضرورت نہیں۔',
      ),
      requiredDocuments: [],
      formSchema: {
        $schema: dialect,
        type: 'object',
        additionalProperties: false,
        required: ['consumerNumber'],
        properties: { consumerNumber: { type: 'string', pattern: '^[0-9]{10,12}$' } },
        examples: [{ consumerNumber: '012345678901' }],
      },
      presentation: {
        fields: {
          consumerNumber: {
            label: text('Consumer number', 'صارف نمبر'),
            help: text('10 to 12 digits, top right of your bill.', 'بل کے اوپر دائیں جانب درج 10 سے 12 ہندسے۔'),
            widget: 'numeric',
          },
        },
      },
      endpointPath: '/lookups/water-bill',
      citizenAttributes: [],
      channels: allChannels,
      fee: { kind: 'free' },
      processingDays: 0,
      keywords: {
        en: ['water bill', 'bill'],
        ur: ['پانی کا بل', 'بل', 'واسا'],
        romanized: ['pani ka bill', 'pani bill', 'wasa bill'],
      },
    },
    {
      slug: 'water-bill-payment',
      kind: 'application',
      category: 'water_and_utilities',
      title: text('Pay a water bill', 'پانی کے بل کی ادائیگی'),
      summary: text('Pay your water bill by its consumer number.', 'صارف نمبر کے ذریعے اپنا پانی کا بل ادا کریں۔'),
      description: text(
        'Pay the current water bill. The amount is the one on the bill, with the late surcharge after the due date. WASA records the payment the same working day.',
        'موجودہ پانی کا بل ادا کریں۔ رقم وہی ہے جو بل پر درج ہے، آخری تاریخ کے بعد اضافی چارج کے ساتھ۔ واسا اسی کاروباری دن ادائیگی درج کر لیتا ہے۔',
      ),
      eligibility: text('Anyone paying a WASA bill.', 'واسا کا بل ادا کرنے والا کوئی بھی شخص۔'),
      requiredDocuments: [],
      formSchema: {
        $schema: dialect,
        type: 'object',
        additionalProperties: false,
        required: ['consumerNumber'],
        properties: { consumerNumber: { type: 'string', pattern: '^[0-9]{10,12}$' } },
        examples: [{ consumerNumber: '012345678901' }],
      },
      presentation: {
        fields: {
          consumerNumber: { label: text('Consumer number', 'صارف نمبر'), widget: 'numeric' },
        },
      },
      endpointPath: '/applications/water-bill-payment',
      citizenAttributes: ['identityNumber', 'name'],
      channels: allChannels,
      fee: { kind: 'quoted' },
      processingDays: 1,
      keywords: {
        en: ['pay water bill'],
        ur: ['بل کی ادائیگی'],
        romanized: ['pani ka bill jama', 'bill ada'],
      },
    },
    {
      slug: 'water-connection',
      kind: 'application',
      category: 'water_and_utilities',
      title: text('Apply for a new water connection', 'نئے پانی کے کنکشن کی درخواست'),
      summary: text(
        'Apply for a water and sewerage connection for a house or building.',
        'گھر یا عمارت کے لیے پانی اور سیوریج کنکشن کی درخواست دیں۔',
      ),
      description: text(
        'WASA surveys the property, tells you the connection charges, and lays the connection once they are paid. The application fee covers the survey and is not refunded.',
        'واسا جائیداد کا سروے کرے گا، کنکشن کے اخراجات بتائے گا اور ادائیگی کے بعد کنکشن لگائے گا۔ درخواست فیس سروے کے لیے ہے اور واپس نہیں ہوگی۔',
      ),
      eligibility: text(
        'The owner of a property in WASA’s service area, or a tenant with the owner’s written consent.',
        'واسا کے علاقے میں جائیداد کا مالک، یا مالک کی تحریری اجازت کے ساتھ کرایہ دار۔',
      ),
      requiredDocuments: [
        {
          name: text('Proof of ownership', 'ملکیت کا ثبوت'),
          description: text('Registry, fard or allotment letter.', 'رجسٹری، فرد یا الاٹمنٹ لیٹر۔'),
          upload: true,
        },
        {
          name: text('Approved building plan', 'منظور شدہ نقشہ'),
          description: text('For buildings larger than 10 marla.', '10 مرلہ سے بڑی عمارتوں کے لیے۔'),
          upload: true,
        },
      ],
      formSchema: {
        $schema: dialect,
        type: 'object',
        additionalProperties: false,
        required: ['propertyAddress', 'plotSize', 'connectionSize'],
        properties: {
          propertyAddress: { type: 'string', minLength: 5, maxLength: 300 },
          plotSize: { type: 'string', enum: ['up-to-5-marla', '5-to-10-marla', '10-marla-to-1-kanal', 'over-1-kanal'] },
          connectionSize: { type: 'string', enum: ['half-inch', 'three-quarter-inch', 'one-inch'] },
          ownerConsent: { type: 'boolean' },
        },
        examples: [
          {
            propertyAddress: '12-B, Block C, Model Town, Lahore',
            plotSize: '5-to-10-marla',
            connectionSize: 'half-inch',
          },
        ],
      },
      presentation: {
        steps: [
          { title: text('The property', 'جائیداد'), fields: ['propertyAddress', 'plotSize', 'ownerConsent'] },
          { title: text('The connection', 'کنکشن'), fields: ['connectionSize'] },
        ],
        fields: {
          propertyAddress: { label: text('Property address', 'جائیداد کا پتہ'), widget: 'textarea' },
          plotSize: {
            label: text('Plot size', 'پلاٹ کا رقبہ'),
            widget: 'radio',
            options: {
              'up-to-5-marla': text('Up to 5 marla', '5 مرلہ تک'),
              '5-to-10-marla': text('5 to 10 marla', '5 سے 10 مرلہ'),
              '10-marla-to-1-kanal': text('10 marla to 1 kanal', '10 مرلہ سے 1 کنال'),
              'over-1-kanal': text('Over 1 kanal', '1 کنال سے زائد'),
            },
          },
          connectionSize: {
            label: text('Connection size', 'کنکشن کا سائز'),
            widget: 'radio',
            options: {
              'half-inch': text('½ inch (a house)', '½ انچ (گھر)'),
              'three-quarter-inch': text('¾ inch', '¾ انچ'),
              'one-inch': text('1 inch (a larger building)', '1 انچ (بڑی عمارت)'),
            },
          },
          ownerConsent: {
            label: text(
              'I am a tenant and have the owner’s written consent',
              'میں کرایہ دار ہوں اور مالک کی تحریری اجازت رکھتا ہوں',
            ),
            widget: 'checkbox',
          },
        },
      },
      endpointPath: '/applications/water-connection',
      citizenAttributes: ['identityNumber', 'name', 'phone'],
      channels: allChannels,
      fee: { kind: 'fixed', amountMinor: 250_000, currency: 'PKR' },
      processingDays: 15,
      keywords: {
        en: ['water connection', 'sewerage', 'new connection'],
        ur: ['پانی کا کنکشن', 'سیوریج'],
        romanized: ['pani ka connection', 'naya connection', 'sewerage'],
      },
    },
  ],
}

const socialWelfare: DemoDepartment = {
  code: 'social-welfare',
  name: text('Social Welfare Department', 'محکمہ سماجی بہبود'),
  contact: {
    name: 'Social protection desk',
    email: 'protection@social-welfare.darwaza.invalid',
    phone: '+92 42 111 000 060',
  },
  services: [
    {
      slug: 'benefit-claim',
      kind: 'application',
      category: 'social_protection',
      title: text('Claim a welfare benefit', 'امدادی رقم کی درخواست'),
      summary: text(
        'Apply for monthly cash support for a low-income household, a widow or a person with a disability.',
        'کم آمدنی والے گھرانے، بیوہ یا معذور فرد کے لیے ماہانہ مالی امداد کی درخواست دیں۔',
      ),
      description: text(
        'The department checks your household against the socio-economic registry and may visit your home. If approved, support is paid every month into your bank account or at a partner bank branch.',
        'محکمہ سماجی و معاشی رجسٹری سے آپ کے گھرانے کی جانچ کرے گا اور گھر کا دورہ کر سکتا ہے۔ منظوری کی صورت میں امداد ہر ماہ آپ کے بینک اکاؤنٹ میں یا شراکت دار بینک کی شاخ سے ادا کی جائے گی۔',
      ),
      eligibility: text(
        'Adults with a valid CNIC whose household earns less than Rs 40,000 a month, and widows or persons with a disability regardless of income band.',
        'درست شناختی کارڈ رکھنے والے بالغ افراد جن کے گھرانے کی ماہانہ آمدنی 40,000 روپے سے کم ہو، نیز بیوائیں اور معذور افراد۔',
      ),
      requiredDocuments: [
        {
          name: text('Income certificate', 'آمدنی کا سرٹیفکیٹ'),
          description: text('From the employer or the union council.', 'آجر یا یونین کونسل سے۔'),
          upload: true,
        },
        {
          name: text('Disability certificate', 'معذوری کا سرٹیفکیٹ'),
          description: text('Only if claiming for a disability.', 'صرف معذوری کی بنیاد پر درخواست کی صورت میں۔'),
          upload: true,
        },
      ],
      formSchema: {
        $schema: dialect,
        type: 'object',
        additionalProperties: false,
        required: ['householdSize', 'monthlyIncome'],
        properties: {
          householdSize: { type: 'integer', minimum: 1, maximum: 30 },
          monthlyIncome: { type: 'integer', minimum: 0, maximum: 10_000_000 },
          disability: { type: 'boolean' },
          iban: { type: 'string', pattern: '^PK[0-9]{2}[A-Z]{4}[0-9]{16}$' },
        },
        examples: [{ householdSize: 6, monthlyIncome: 28_000, disability: false }],
      },
      presentation: {
        steps: [
          { title: text('Your household', 'آپ کا گھرانہ'), fields: ['householdSize', 'monthlyIncome', 'disability'] },
          { title: text('Payment', 'ادائیگی'), fields: ['iban'] },
        ],
        fields: {
          householdSize: { label: text('People in the household', 'گھرانے کے افراد'), widget: 'numeric' },
          monthlyIncome: {
            label: text('Household income per month (Rs)', 'گھرانے کی ماہانہ آمدنی (روپے)'),
            widget: 'numeric',
          },
          disability: {
            label: text('Claiming for a person with a disability', 'معذور فرد کے لیے درخواست'),
            widget: 'checkbox',
          },
          iban: {
            label: text('Bank account (IBAN)', 'بینک اکاؤنٹ (IBAN)'),
            help: text(
              'Optional. Leave empty to collect at a partner bank.',
              'اختیاری۔ خالی چھوڑیں تو شراکت دار بینک سے وصولی۔',
            ),
            placeholder: 'PK36SCBL0000001123456702',
          },
        },
      },
      endpointPath: '/applications/benefit-claim',
      citizenAttributes: ['identityNumber', 'name', 'dateOfBirth', 'phone'],
      channels: allChannels,
      fee: { kind: 'free' },
      processingDays: 30,
      keywords: {
        en: ['benefit', 'welfare', 'support', 'widow', 'disability'],
        ur: ['امداد', 'وظیفہ', 'بیوہ', 'معذور'],
        romanized: ['imdad', 'wazifa', 'madad', 'bewa'],
      },
    },
  ],
}

export const demoDepartments: DemoDepartment[] = [
  trafficPolice,
  civilRegistration,
  health,
  education,
  waterBoard,
  socialWelfare,
]
