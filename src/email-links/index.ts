export { inspectLink, LINK_STATUS, type LinkEntryView, type LinkOutcome, type LinkState, useLink } from './decide.ts';
export { escapeHtml, renderLinkPage } from './page.ts';
export {
  canDecideByEmail,
  createDecisionLink,
  DECISION_ACTIONS,
  DEFAULT_LINK_LIFETIME_MS,
  type DecisionAction,
  type DecisionClaims,
  type DecisionLink,
  type DecisionLinks,
  decisionLinks,
  EMAIL_LINK_PATH,
  type LinkableEntry,
  linkUrl,
  type VerifiedLink,
  verifyDecisionToken,
} from './token.ts';
