import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { EngineContext } from '../engine/context.ts';
import { invalid, notFound } from '../shared/errors.ts';
import { DEFAULT_TEMPLATES, type TemplateTexts } from './default-templates.ts';
import { BUILT_IN_LANGUAGES, baseLanguage } from './phrases.ts';
import { checkTemplate } from './render.ts';
import { parseNotificationType } from './setup.ts';
import { NOTIFICATION_TYPES, type NotificationType } from './types.ts';

export interface MessageTemplate extends TemplateTexts {
  readonly type: NotificationType;
  readonly language: string;
  /** `company`: the company's override; `built-in`: Werkstroom's default. */
  readonly source: 'company' | 'built-in';
}

const LANGUAGE = /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/;
const MAX_TEMPLATE = 50_000;

export function parseLanguage(value: unknown): string {
  const language = typeof value === 'string' ? value.trim().toLowerCase() : '';
  if (!LANGUAGE.test(language)) {
    throw invalid('language-invalid', `Language "${String(value ?? '')}" is not a language tag such as "en" or "nl".`, {
      field: 'language',
    });
  }
  return language;
}

function builtIn(type: NotificationType, language: string): MessageTemplate {
  const base = baseLanguage(language);
  const texts = DEFAULT_TEMPLATES[base] ?? DEFAULT_TEMPLATES.en;
  if (!texts) throw new Error('the English templates are missing');
  return { type, language: DEFAULT_TEMPLATES[base] ? base : 'en', ...texts, source: 'built-in' };
}

/**
 * The template for a recipient's language: the company's for that exact language, then for its
 * base language (`nl-BE` → `nl`), then the built-in one for the language, then English.
 */
export async function resolveTemplate(
  db: Kysely<Database>,
  companyId: number,
  type: NotificationType,
  language: string,
): Promise<MessageTemplate> {
  const tag = language.toLowerCase();
  const candidates = [...new Set([tag, baseLanguage(tag)])];
  const rows = await db
    .selectFrom('message_template')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('type', '=', type)
    .where('language', 'in', candidates)
    .execute();
  for (const candidate of candidates) {
    const row = rows.find((r) => r.language === candidate);
    if (row) {
      return {
        type,
        language: row.language,
        subject: row.subject,
        bodyText: row.body_text,
        bodyHtml: row.body_html,
        source: 'company',
      };
    }
  }
  return builtIn(type, tag);
}

/** Every template that applies in the company: each type in each built-in language, plus other overrides. */
export async function listMessageTemplates(ctx: EngineContext): Promise<MessageTemplate[]> {
  const rows = await ctx.tx
    .selectFrom('message_template')
    .select(['type', 'language'])
    .where('company_id', '=', ctx.companyId)
    .execute();
  const keys = new Set<string>();
  for (const type of NOTIFICATION_TYPES) for (const language of BUILT_IN_LANGUAGES) keys.add(`${type}|${language}`);
  for (const row of rows) keys.add(`${row.type}|${row.language}`);
  const templates: MessageTemplate[] = [];
  for (const key of [...keys].sort()) {
    const [type, language] = key.split('|') as [NotificationType, string];
    templates.push(await getMessageTemplate(ctx, type, language));
  }
  return templates;
}

/** The company's template for exactly this type and language, else the built-in one that would be used. */
export async function getMessageTemplate(
  ctx: EngineContext,
  type: unknown,
  language: unknown,
): Promise<MessageTemplate> {
  const checkedType = parseNotificationType(type);
  const tag = parseLanguage(language);
  const row = await ctx.tx
    .selectFrom('message_template')
    .selectAll()
    .where('company_id', '=', ctx.companyId)
    .where('type', '=', checkedType)
    .where('language', '=', tag)
    .executeTakeFirst();
  if (row) {
    return {
      type: checkedType,
      language: tag,
      subject: row.subject,
      bodyText: row.body_text,
      bodyHtml: row.body_html,
      source: 'company',
    };
  }
  return builtIn(checkedType, tag);
}

/** Saves the company's template; one that does not parse or render is refused (`template-invalid`). */
export async function saveMessageTemplate(
  ctx: EngineContext,
  type: unknown,
  language: unknown,
  texts: TemplateTexts,
): Promise<MessageTemplate> {
  const checkedType = parseNotificationType(type);
  const tag = parseLanguage(language);
  for (const [field, value] of Object.entries(texts)) {
    if (typeof value !== 'string' || value.length > MAX_TEMPLATE) {
      throw invalid('template-invalid', `${field} must be text of at most ${MAX_TEMPLATE} characters.`, { field });
    }
  }
  await checkTemplate(texts);
  const values = { subject: texts.subject, body_text: texts.bodyText, body_html: texts.bodyHtml };
  await ctx.tx
    .insertInto('message_template')
    .values({ company_id: ctx.companyId, type: checkedType, language: tag, ...values })
    .onConflict((oc) => oc.columns(['company_id', 'type', 'language']).doUpdateSet(values))
    .execute();
  return { type: checkedType, language: tag, ...texts, source: 'company' };
}

/** Removes the company's template: the built-in one applies again. */
export async function deleteMessageTemplate(
  ctx: EngineContext,
  type: unknown,
  language: unknown,
): Promise<MessageTemplate> {
  const checkedType = parseNotificationType(type);
  const tag = parseLanguage(language);
  const result = await ctx.tx
    .deleteFrom('message_template')
    .where('company_id', '=', ctx.companyId)
    .where('type', '=', checkedType)
    .where('language', '=', tag)
    .executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) {
    throw notFound('message-template-not-found', `The company has no ${checkedType} template for "${tag}".`);
  }
  return builtIn(checkedType, tag);
}
