import { createHmac, randomUUID } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';

/**
 * Approve or reject from the email itself ("Beyond the reference"): a signed (HS256), expiring,
 * single-use token bound to one approval entry and one approver. The token is the whole
 * credential, so links are long and random (jti) and the server records each use.
 */

export const DECISION_ACTIONS = ['approve', 'reject'] as const;
export type DecisionAction = (typeof DECISION_ACTIONS)[number];

/** What a link decides, and for whom. */
export interface DecisionClaims {
  readonly companyId: number;
  readonly entryId: number;
  readonly approverId: string;
  readonly action: DecisionAction;
  readonly expiresAt: Date;
  /** The token id; one `email_link_use` row per used token. */
  readonly jti: string;
}

export interface DecisionLink {
  readonly token: string;
  /** `<base>/api/v1/email-links/<token>` */
  readonly url: string;
  readonly claims: DecisionClaims;
}

/** Route of the public pages that show and carry out a link's decision. */
export const EMAIL_LINK_PATH = '/api/v1/email-links';
/** How long links in approval emails stay valid unless told otherwise: seven days. */
export const DEFAULT_LINK_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

const ISSUER = 'werkstroom';
const AUDIENCE = 'werkstroom:email-decision';

// The server secret also signs CSRF tokens; links get a key of their own derived from it.
function linkKey(secret: string): Uint8Array {
  if (secret.length < 32) throw new Error('The email-link secret must have at least 32 characters.');
  return new Uint8Array(createHmac('sha256', secret).update('werkstroom:email-links:v1').digest());
}

export function linkUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${EMAIL_LINK_PATH}/${token}`;
}

/** Signs one decision link. `baseUrl` is where the server is reached from a mail client ('' gives a path). */
export async function createDecisionLink(secret: string, claims: DecisionClaims, baseUrl = ''): Promise<DecisionLink> {
  const token = await new SignJWT({ cid: claims.companyId, eid: claims.entryId, act: claims.action })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(claims.approverId)
    .setJti(claims.jti)
    .setExpirationTime(Math.floor(claims.expiresAt.getTime() / 1000))
    .sign(linkKey(secret));
  return { token, url: linkUrl(baseUrl, token), claims };
}

export interface LinkableEntry {
  readonly companyId: number;
  readonly id: number;
  readonly approverId: string;
}

export interface DecisionLinks {
  readonly approve: DecisionLink;
  readonly reject: DecisionLink;
  readonly expiresAt: Date;
}

/**
 * Whether an email to `recipientId` about this entry may carry decision links: only the approver
 * of an Open entry (never the sender's copy: a link acts as the approver it is bound to).
 */
export function canDecideByEmail(entry: { readonly status: string; readonly approverId: string }, recipientId: string) {
  return entry.status === 'Open' && entry.approverId === recipientId;
}

/**
 * The approve and reject links for an approval email (for the notification dispatcher; check
 * `canDecideByEmail` first). A link works only while the entry is Open and still waits for that
 * approver, once, until it expires (default seven days).
 */
export async function decisionLinks(
  secret: string,
  baseUrl: string,
  entry: LinkableEntry,
  now: Date,
  lifetimeMs = DEFAULT_LINK_LIFETIME_MS,
): Promise<DecisionLinks> {
  const expiresAt = new Date(now.getTime() + lifetimeMs);
  const link = (action: DecisionAction) =>
    createDecisionLink(
      secret,
      {
        companyId: entry.companyId,
        entryId: entry.id,
        approverId: entry.approverId,
        action,
        expiresAt,
        jti: randomUUID(),
      },
      baseUrl,
    );
  return { approve: await link('approve'), reject: await link('reject'), expiresAt };
}

const payloadSchema = z.object({
  cid: z.number().int().positive(),
  eid: z.number().int().positive(),
  act: z.enum(DECISION_ACTIONS),
  sub: z.string().min(1).max(50),
  jti: z.string().min(1).max(100),
  exp: z.number().int(),
});

function claimsOf(payload: unknown): DecisionClaims | undefined {
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) return undefined;
  const p = parsed.data;
  return {
    companyId: p.cid,
    entryId: p.eid,
    approverId: p.sub,
    action: p.act,
    jti: p.jti,
    expiresAt: new Date(p.exp * 1000),
  };
}

export type VerifiedLink =
  | { readonly kind: 'valid'; readonly claims: DecisionClaims }
  /** Signed by us but past its time: the claims are genuine, the link does nothing any more. */
  | { readonly kind: 'expired'; readonly claims: DecisionClaims }
  /** Not a token this server signed (tampered, truncated, another key or algorithm). */
  | { readonly kind: 'invalid' };

/** Checks signature, issuer, audience and expiry at `now` (the application's clock). */
export async function verifyDecisionToken(secret: string, token: string, now: Date): Promise<VerifiedLink> {
  if (token.length > 2048) return { kind: 'invalid' };
  try {
    const { payload } = await jwtVerify(token, linkKey(secret), {
      algorithms: ['HS256'],
      issuer: ISSUER,
      audience: AUDIENCE,
      currentDate: now,
      requiredClaims: ['exp', 'jti', 'sub'],
    });
    const claims = claimsOf(payload);
    return claims ? { kind: 'valid', claims } : { kind: 'invalid' };
  } catch (error) {
    // jose checks the signature before the claims, so an expired token's payload is authentic.
    if (error instanceof errors.JWTExpired) {
      const claims = claimsOf(error.payload);
      if (claims) return { kind: 'expired', claims };
    }
    return { kind: 'invalid' };
  }
}
