import { Liquid, type Template } from 'liquidjs';
import { invalid } from '../shared/errors.ts';
import type { MessageModel } from './content.ts';
import type { TemplateTexts } from './default-templates.ts';

/**
 * Sandboxed liquid: no file system (`templates: {}`, so include/render/layout find nothing),
 * only own properties of the model, unknown filters refused at parse time, and limits on parse
 * size, render time and memory. Liquid never runs JavaScript from a template.
 */
const SANDBOX = {
  templates: {},
  strictFilters: true,
  ownPropertyOnly: true,
  parseLimit: 100_000,
  renderLimit: 2_000,
  memoryLimit: 20_000_000,
} as const;

const textEngine = new Liquid(SANDBOX);
/** HTML bodies escape every output; `| raw` opts out. */
const htmlEngine = new Liquid({ ...SANDBOX, outputEscape: 'escape' });

const PARTS = ['subject', 'bodyText', 'bodyHtml'] as const;
type Part = (typeof PARTS)[number];

const parsed = new Map<string, Template[]>();

function parse(part: Part, text: string): Template[] {
  const cacheKey = `${part}\u0000${text}`;
  let templates = parsed.get(cacheKey);
  if (!templates) {
    templates = (part === 'bodyHtml' ? htmlEngine : textEngine).parse(text);
    if (parsed.size > 500) parsed.clear();
    parsed.set(cacheKey, templates);
  }
  return templates;
}

export interface RenderedMessage {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** Renders subject (one line), plain text and HTML for a model; throws on a template error. */
export async function renderMessage(template: TemplateTexts, model: MessageModel): Promise<RenderedMessage> {
  const scope = model as unknown as Record<string, unknown>;
  const subjectText = String(await textEngine.render(parse('subject', template.subject), scope));
  const subject = subjectText.replace(/\s+/g, ' ').trim().slice(0, 250);
  const text = String(await textEngine.render(parse('bodyText', template.bodyText), scope));
  const html = String(await htmlEngine.render(parse('bodyHtml', template.bodyHtml), { ...scope, subject }));
  return { subject, text, html };
}

/** A model with one notification of each kind of field, to try a template out before saving it. */
export const SAMPLE_MODEL: MessageModel = {
  type: 'approval',
  language: 'en',
  recipient: { id: 'SAMPLE', name: 'Sam Sample' },
  company: { code: 'SAMPLE', name: 'Sample Ltd.' },
  count: 1,
  notifications: [
    {
      entryId: 1,
      approvalEntryId: 1,
      type: 'approval',
      title: 'Purchase order PO-0001',
      actionCode: 'open',
      action: 'requires your approval',
      recordExists: true,
      link: 'http://localhost:8080/companies/SAMPLE/purchase-documents/order/PO-0001',
      customLink: '',
      approveLink: 'http://localhost:8080/api/v1/email-links/sample-approve',
      rejectLink: 'http://localhost:8080/api/v1/email-links/sample-reject',
      party: { label: 'Vendor', no: 'V10000', name: 'Sample Supplies' },
      amount: '1,234.50',
      currency: 'EUR',
      amountLcy: '',
      lcy: 'EUR',
      dueDate: 'March 2, 2026',
      createdBy: 'Sam Sender',
      createdAt: 'March 2, 2026 at 10:00',
      comments: [{ user: 'Sam Sender', at: 'March 2, 2026 at 10:00', text: 'Please approve.' }],
    },
  ],
  settingsLink: 'http://localhost:8080/companies/SAMPLE/notification-setup',
  inboxLink: 'http://localhost:8080/companies/SAMPLE/notes',
  baseUrl: 'http://localhost:8080',
};

/** Refuses (`template-invalid`, field = the part) a template that does not parse or does not render. */
export async function checkTemplate(texts: TemplateTexts): Promise<void> {
  for (const part of PARTS) {
    try {
      parse(part, texts[part]);
    } catch (error) {
      throw invalid('template-invalid', `The ${part} template does not parse: ${(error as Error).message}`, {
        field: part,
      });
    }
  }
  try {
    await renderMessage(texts, SAMPLE_MODEL);
  } catch (error) {
    throw invalid('template-invalid', `The template does not render: ${(error as Error).message}`, {
      field: 'template',
    });
  }
}
