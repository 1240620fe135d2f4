import type { LinkEntryView, LinkOutcome } from './decide.ts';
import type { DecisionAction } from './token.ts';

/** The small public pages an email link opens: plain HTML, everything escaped, no script. */

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: unknown): string {
  return String(text).replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const VERB: Readonly<Record<DecisionAction, { infinitive: string; past: string }>> = {
  approve: { infinitive: 'Approve', past: 'approved' },
  reject: { infinitive: 'Reject', past: 'rejected' },
};

function when(iso: string): string {
  return iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC');
}

function entryTable(entry: LinkEntryView): string {
  const rows: [string, string][] = [
    ['Request', entry.record],
    ['Approval entry', String(entry.id)],
    ['Sent by', entry.senderId],
    ['Waiting for', entry.approverId],
    ['Amount', `${entry.amount} ${entry.currencyCode}`.trim()],
    ['Due date', entry.dueDate],
    ['Status', entry.status],
  ];
  return `<table>${rows.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>`;
}

function layout(title: string, body: string): string {
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex, nofollow">',
    `<title>${escapeHtml(title)} · Werkstroom</title>`,
    '<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#222}',
    'th{text-align:left;padding-right:1rem;font-weight:600}td,th{padding:.2rem 0}',
    'button{font-size:1rem;padding:.5rem 1.5rem;margin-top:1rem}textarea{width:100%}</style>',
    `</head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`,
  ].join('');
}

/** The page for an outcome; the caller sends it with the outcome's status. */
export function renderLinkPage(outcome: LinkOutcome): string {
  switch (outcome.state) {
    case 'invalid':
      return layout(
        'This link is not valid',
        '<p>The link is damaged or was not issued by this server. Nothing was decided. ' +
          'Copy the whole link from the email, or open Werkstroom to decide.</p>',
      );
    case 'not-found':
      return layout('Request not found', '<p>The approval request of this link no longer exists.</p>');
    case 'expired':
      return layout(
        'This link has expired',
        `<p>The link to ${escapeHtml(VERB[outcome.action].infinitive.toLowerCase())} expired at ` +
          `${escapeHtml(when(outcome.expiresAt))}. Nothing was decided. Open Werkstroom to decide the request.</p>`,
      );
    case 'ready': {
      const verb = VERB[outcome.action].infinitive;
      return layout(
        `${verb} this request?`,
        `${entryTable(outcome.entry)}<form method="post">` +
          '<p><label for="comment">Comment (optional)</label><br>' +
          '<textarea id="comment" name="comment" rows="3" maxlength="250"></textarea></p>' +
          `<button type="submit">${escapeHtml(verb)}</button></form>` +
          `<p><small>The link works once and expires at ${escapeHtml(when(outcome.expiresAt))}.</small></p>`,
      );
    }
    case 'decided':
      return layout(
        `You ${VERB[outcome.action].past} the request`,
        `${entryTable(outcome.entry)}${outcome.messages.map((m) => `<p>${escapeHtml(m)}</p>`).join('')}`,
      );
    case 'used':
      return layout(
        'This link was already used',
        `<p>${escapeHtml(outcome.usedBy)} ${escapeHtml(outcome.outcome)} this request with it at ` +
          `${escapeHtml(when(outcome.usedAt))}. Nothing was changed now.</p>${entryTable(outcome.entry)}`,
      );
    case 'already-decided':
      return layout(
        'This request was already decided',
        `<p>It was ${escapeHtml(outcome.entry.status.toLowerCase())} by ${escapeHtml(outcome.decidedBy)} at ` +
          `${escapeHtml(when(outcome.decidedAt))}. Nothing was changed now.</p>${entryTable(outcome.entry)}`,
      );
    case 'reassigned':
      return layout(
        'This request now waits for someone else',
        `<p>It was delegated to ${escapeHtml(outcome.entry.approverId)}, so this link no longer decides it. ` +
          `Nothing was changed.</p>${entryTable(outcome.entry)}`,
      );
  }
}
