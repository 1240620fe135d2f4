/**
 * Built-in message templates (liquid), after report 1320 "Notification Email": a greeting, one
 * block per notification (linked record, what happened, party, amount, due date, who, comments)
 * and a link to the notification settings. The same layout serves all three types; a company
 * can override any type and language (`message_template`). In the HTML template every output
 * is HTML-escaped; `subject` is the rendered subject line.
 */
export interface TemplateTexts {
  readonly subject: string;
  readonly bodyText: string;
  readonly bodyHtml: string;
}

interface Labels {
  readonly many: string;
  readonly hello: string;
  readonly registered: string;
  readonly intro: string;
  readonly open: string;
  readonly custom: string;
  readonly approve: string;
  readonly reject: string;
  readonly amount: string;
  readonly due: string;
  readonly createdBy: string;
  readonly on: string;
  readonly comment: string;
  readonly settings: string;
}

function subject(labels: Labels): string {
  return `{% if count == 1 %}{{ notifications[0].title }} {{ notifications[0].action }}{% else %}{{ count }} ${labels.many} {{ company.name }}{% endif %}`;
}

function bodyText(l: Labels): string {
  return `${l.hello} {{ recipient.name }},

${l.registered}
${l.intro}
{% for n in notifications %}
- {{ n.title }} {{ n.action }}.
{%- if n.link != "" %}
  ${l.open}: {{ n.link }}
{%- endif %}
{%- if n.approveLink != "" %}
  ${l.approve}: {{ n.approveLink }}
  ${l.reject}: {{ n.rejectLink }}
{%- endif %}
{%- if n.customLink != "" %}
  (${l.custom}) {{ n.customLink }}
{%- endif %}
{%- if n.party %}
  {{ n.party.label }}: {{ n.party.no }} {{ n.party.name }}
{%- endif %}
{%- if n.amount != "" %}
  ${l.amount}: {{ n.amount }} {{ n.currency }}{% if n.amountLcy != "" %} ({{ n.amountLcy }} {{ n.lcy }}){% endif %}
{%- endif %}
{%- if n.dueDate != "" %}
  ${l.due}: {{ n.dueDate }}
{%- endif %}
  ${l.createdBy} {{ n.createdBy }} ${l.on} {{ n.createdAt }}
{%- for c in n.comments %}
  ${l.comment} {{ c.user }} ({{ c.at }}): {{ c.text }}
{%- endfor %}
{% endfor %}
${l.settings}: {{ settingsLink }}
`;
}

function bodyHtml(l: Labels, lang: string): string {
  const cell = 'style="padding: 2px 12px 2px 0; color: #555;"';
  return `<!DOCTYPE html>
<html lang="${lang}">
<head><meta charset="utf-8"><title>{{ subject }}</title></head>
<body style="font-family: Segoe UI, Helvetica, Arial, sans-serif; font-size: 14px; color: #222;">
<p>${l.hello} {{ recipient.name }},</p>
<p>${l.registered}</p>
<p>${l.intro}</p>
{% for n in notifications %}
<div style="margin: 0 0 16px 0; padding: 8px 12px; border-left: 3px solid #2b6cb0;">
<p style="margin: 0 0 6px 0;">{% if n.link != "" %}<a href="{{ n.link }}">{{ n.title }}</a>{% else %}{{ n.title }}{% endif %} {{ n.action }}.</p>
<table style="border-collapse: collapse;">
{%- if n.party %}
<tr><td ${cell}>{{ n.party.label }}</td><td>{{ n.party.no }} {{ n.party.name }}</td></tr>
{%- endif %}
{%- if n.amount != "" %}
<tr><td ${cell}>${l.amount}</td><td>{{ n.amount }} {{ n.currency }}{% if n.amountLcy != "" %} ({{ n.amountLcy }} {{ n.lcy }}){% endif %}</td></tr>
{%- endif %}
{%- if n.dueDate != "" %}
<tr><td ${cell}>${l.due}</td><td>{{ n.dueDate }}</td></tr>
{%- endif %}
<tr><td ${cell}>${l.createdBy}</td><td>{{ n.createdBy }} ${l.on} {{ n.createdAt }}</td></tr>
</table>
{%- if n.comments.size > 0 %}
<ul style="margin: 6px 0 0 0;">
{%- for c in n.comments %}
<li>${l.comment} {{ c.user }} ({{ c.at }}): {{ c.text }}</li>
{%- endfor %}
</ul>
{%- endif %}
{%- if n.approveLink != "" %}
<p style="margin: 8px 0 0 0;"><a href="{{ n.approveLink }}">${l.approve}</a> &middot; <a href="{{ n.rejectLink }}">${l.reject}</a></p>
{%- endif %}
{%- if n.customLink != "" %}
<p style="margin: 6px 0 0 0;"><a href="{{ n.customLink }}">(${l.custom})</a></p>
{%- endif %}
</div>
{% endfor %}
<p style="font-size: 12px; color: #555;"><a href="{{ settingsLink }}">${l.settings}</a></p>
</body>
</html>
`;
}

const EN: Labels = {
  many: 'notifications from',
  hello: 'Hello',
  registered: 'As a user of {{ company.name }}, you are registered to receive these notifications.',
  intro: 'This is a message to notify you that:',
  open: 'Open',
  custom: 'Custom link',
  approve: 'Approve',
  reject: 'Reject',
  amount: 'Amount',
  due: 'Due date',
  createdBy: 'Created by',
  on: 'on',
  comment: 'Comment by',
  settings: 'Change your notification settings',
};

const NL: Labels = {
  many: 'meldingen van',
  hello: 'Hallo',
  registered: 'Als gebruiker van {{ company.name }} bent u aangemeld voor deze meldingen.',
  intro: 'Met dit bericht laten we u weten dat:',
  open: 'Openen',
  custom: 'Aangepaste koppeling',
  approve: 'Goedkeuren',
  reject: 'Afwijzen',
  amount: 'Bedrag',
  due: 'Vervaldatum',
  createdBy: 'Gemaakt door',
  on: 'op',
  comment: 'Opmerking van',
  settings: 'Uw meldingsinstellingen wijzigen',
};

/** Built-in templates by language; other languages fall back to English. */
export const DEFAULT_TEMPLATES: Readonly<Record<string, TemplateTexts>> = {
  en: { subject: subject(EN), bodyText: bodyText(EN), bodyHtml: bodyHtml(EN, 'en') },
  nl: { subject: subject(NL), bodyText: bodyText(NL), bodyHtml: bodyHtml(NL, 'nl') },
};
