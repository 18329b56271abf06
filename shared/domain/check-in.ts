import { createHmac, timingSafeEqual } from 'node:crypto';
import { signingKey, verificationKeys, type LinkSecret } from '#shared/domain/link-keys.ts';

/**
 * The follow-up check-in: some time after the owner marks a case handled, the customer is asked
 * "Did we put it right?" with two answers, Yes and Not yet. One check-in per handling of a case;
 * its links work 14 days; no answer by then is recorded as unknown. Pure: no clock, no I/O.
 */
export type CheckInStatus = 'scheduled' | 'sent' | 'answered' | 'unknown' | 'cancelled';
export type CheckInAnswer = 'yes' | 'not-yet';

/** How long the check-in's links work after it is sent. */
export const CHECK_IN_LINK_TTL_MS = 14 * 86_400_000;
/** Longest comment kept with an answer. */
export const CHECK_IN_COMMENT_MAX = 5000;

export interface CheckInRecord {
  caseId: string;
  /** Which handling of the case this is (the case's version when it was marked handled). */
  handling: number;
  /** The customer's own address. */
  to: string;
  name?: string;
  /** The language the check-in is written in (en, es, fr, de). */
  language: CheckInLanguage;
  handledAt: string;
  handledBy: string;
  /** When it is to be sent. */
  dueAt: string;
  status: CheckInStatus;
  sentAt?: string;
  /** When its links stop working (sent + 14 days). */
  expiresAt?: string;
  answer?: CheckInAnswer;
  comment?: string;
  answeredAt?: string;
  /** Why it was not sent (customer unsubscribed, erased, case reopened first). */
  cancelled?: string;
  /**
   * Whether this outcome is the one the recovery figures count for the case: a case counts once,
   * by its latest answer (or as unknown when none of its check-ins was answered).
   */
  counted?: boolean;
  /** The local day its outcome is counted on. */
  countedDay?: string;
  /** For a "Not yet": when the owner handled the case again (it leaves the not-put-right list). */
  resolvedAt?: string;
}

/** The outbox key of a check-in email: one per handling of a case. */
export function checkInKey(caseId: string, handling: number): string {
  return `check-in:${caseId}:${handling}`;
}

/** What the follow-up settings say for a case just marked handled. */
export interface FollowUpSettings {
  enabled: boolean;
  delayHours: number;
  languages: readonly string[];
}

/**
 * Whether a handled case gets a check-in and when: only with the customer's email, follow-ups on,
 * and the owner not having turned it off for this case. `delayHours` 0 means due at once.
 */
export function planCheckIn(
  input: { email?: string | undefined; handledAt: Date; optedOutByOwner: boolean },
  settings: FollowUpSettings,
): { dueAt: Date } | { skip: 'off' | 'no-email' | 'not-for-this-case' } {
  if (!settings.enabled) return { skip: 'off' };
  if (input.optedOutByOwner) return { skip: 'not-for-this-case' };
  if (!input.email) return { skip: 'no-email' };
  return { dueAt: new Date(input.handledAt.getTime() + settings.delayHours * 3_600_000) };
}

/** Languages the check-in has wording for. */
export const CHECK_IN_LANGUAGES = ['en', 'es', 'fr', 'de'] as const;
export type CheckInLanguage = (typeof CHECK_IN_LANGUAGES)[number];

/** The language to write in: the customer's when the business has wording for it, else English. */
export function checkInLanguage(detected: string | undefined, enabled: readonly string[]): CheckInLanguage {
  const wanted = (detected ?? '').toLowerCase().slice(0, 2);
  return (CHECK_IN_LANGUAGES as readonly string[]).includes(wanted) && enabled.includes(wanted) ? (wanted as CheckInLanguage) : 'en';
}

/** The words of the check-in email and its pages in one language. */
export interface CheckInWording {
  subject: string;
  greeting: (name: string | undefined) => string;
  body: (business: string) => string;
  yes: string;
  notYet: string;
  linksNote: string;
  unsubscribe: string;
  footer: (business: string) => string;
  /** The answer page. */
  pageTitle: string;
  yesHeading: string;
  notYetHeading: string;
  yesLead: string;
  notYetLead: string;
  comment: string;
  commentHint: string;
  send: string;
  thanksHeading: string;
  thanksYes: string;
  thanksNotYet: string;
  reviewInvitation: (business: string) => string;
  expired: string;
  used: string;
  notFound: string;
  failed: string;
  stopHeading: string;
  stopLead: (email: string, business: string) => string;
  stopButton: string;
  stoppedHeading: string;
  stoppedLead: (email: string, business: string) => string;
}

/**
 * The wording per language. The page labels the contract names (`Comment`, `Send`, `Yes`,
 * `Not yet`) are the English ones; a customer who wrote in Spanish, French or German reads their
 * own language.
 */
export const CHECK_IN_WORDING: Record<CheckInLanguage, CheckInWording> = {
  en: {
    subject: 'Did we put it right?',
    greeting: (name) => (name ? `Hello ${name},` : 'Hello,'),
    body: (business) => `A few days ago you told ${business} that something went wrong, and we tried to put it right. Did we?`,
    yes: 'Yes',
    notYet: 'Not yet',
    linksNote: 'One click opens a short page where you can add a comment. The links work for 14 days.',
    unsubscribe: 'Unsubscribe',
    footer: (business) => `You receive this once because you contacted ${business}.`,
    pageTitle: 'Did we put it right?',
    yesHeading: 'We put it right',
    notYetHeading: 'Not put right yet',
    yesLead: 'Thank you for letting us know. Anything you would like to add?',
    notYetLead: 'We are sorry. Tell us what is still wrong and we will get back to you.',
    comment: 'Comment',
    commentHint: 'Optional.',
    send: 'Send',
    thanksHeading: 'Thank you',
    thanksYes: 'We are glad it is sorted out.',
    thanksNotYet: 'Your answer went straight to the owner, who will get back to you.',
    reviewInvitation: (business) => `If you would like to tell others about ${business}, you can leave a public review:`,
    expired: 'This link has expired. If something is still wrong, reply to our last email.',
    used: 'This question has been answered already. Thank you!',
    notFound: 'This link is not valid. Please check that you opened the whole link from the email.',
    failed: 'Sorry, your answer could not be saved just now. Please try again in a minute.',
    stopHeading: 'Stop these emails?',
    stopLead: (email, business) => `${email} will get no more survey or follow-up emails from ${business}.`,
    stopButton: 'Unsubscribe',
    stoppedHeading: 'You are unsubscribed',
    stoppedLead: (email, business) => `${email} will get no more survey or follow-up emails from ${business}.`,
  },
  es: {
    subject: '¿Lo hemos solucionado?',
    greeting: (name) => (name ? `Hola, ${name}:` : 'Hola:'),
    body: (business) => `Hace unos días nos contó a ${business} que algo había salido mal, e intentamos solucionarlo. ¿Lo conseguimos?`,
    yes: 'Sí',
    notYet: 'Todavía no',
    linksNote: 'Un clic abre una página breve donde puede añadir un comentario. Los enlaces funcionan durante 14 días.',
    unsubscribe: 'Darse de baja',
    footer: (business) => `Recibe este mensaje una sola vez porque se puso en contacto con ${business}.`,
    pageTitle: '¿Lo hemos solucionado?',
    yesHeading: 'Lo hemos solucionado',
    notYetHeading: 'Todavía no está solucionado',
    yesLead: 'Gracias por decírnoslo. ¿Quiere añadir algo?',
    notYetLead: 'Lo sentimos. Cuéntenos qué sigue mal y le responderemos.',
    comment: 'Comentario',
    commentHint: 'Opcional.',
    send: 'Enviar',
    thanksHeading: 'Gracias',
    thanksYes: 'Nos alegra que esté resuelto.',
    thanksNotYet: 'Su respuesta ha llegado directamente al responsable, que se pondrá en contacto con usted.',
    reviewInvitation: (business) => `Si quiere contar a otros su experiencia con ${business}, puede dejar una reseña pública:`,
    expired: 'Este enlace ha caducado. Si algo sigue mal, responda a nuestro último correo.',
    used: 'Esta pregunta ya tiene respuesta. ¡Gracias!',
    notFound: 'Este enlace no es válido. Compruebe que ha abierto el enlace completo del correo.',
    failed: 'Lo sentimos, no hemos podido guardar su respuesta. Inténtelo de nuevo en un minuto.',
    stopHeading: '¿Dejar de recibir estos correos?',
    stopLead: (email, business) => `${email} no recibirá más encuestas ni seguimientos de ${business}.`,
    stopButton: 'Darse de baja',
    stoppedHeading: 'Se ha dado de baja',
    stoppedLead: (email, business) => `${email} no recibirá más encuestas ni seguimientos de ${business}.`,
  },
  fr: {
    subject: 'Avons-nous arrangé les choses ?',
    greeting: (name) => (name ? `Bonjour ${name},` : 'Bonjour,'),
    body: (business) => `Il y a quelques jours, vous avez signalé un problème à ${business}, et nous avons essayé d'arranger les choses. Est-ce réglé ?`,
    yes: 'Oui',
    notYet: 'Pas encore',
    linksNote: 'Un clic ouvre une courte page où vous pouvez ajouter un commentaire. Les liens fonctionnent pendant 14 jours.',
    unsubscribe: 'Se désabonner',
    footer: (business) => `Vous recevez ce message une seule fois parce que vous avez contacté ${business}.`,
    pageTitle: 'Avons-nous arrangé les choses ?',
    yesHeading: 'Les choses sont arrangées',
    notYetHeading: 'Pas encore arrangé',
    yesLead: 'Merci de nous le dire. Voulez-vous ajouter quelque chose ?',
    notYetLead: 'Nous en sommes désolés. Dites-nous ce qui ne va toujours pas et nous reviendrons vers vous.',
    comment: 'Commentaire',
    commentHint: 'Facultatif.',
    send: 'Envoyer',
    thanksHeading: 'Merci',
    thanksYes: 'Nous sommes heureux que ce soit réglé.',
    thanksNotYet: 'Votre réponse est allée directement au responsable, qui reviendra vers vous.',
    reviewInvitation: (business) => `Si vous souhaitez partager votre expérience avec ${business}, vous pouvez laisser un avis public :`,
    expired: 'Ce lien a expiré. Si quelque chose ne va toujours pas, répondez à notre dernier e-mail.',
    used: 'Cette question a déjà reçu une réponse. Merci !',
    notFound: "Ce lien n'est pas valide. Vérifiez que vous avez ouvert le lien complet de l'e-mail.",
    failed: "Désolés, votre réponse n'a pas pu être enregistrée. Réessayez dans une minute.",
    stopHeading: 'Ne plus recevoir ces e-mails ?',
    stopLead: (email, business) => `${email} ne recevra plus d'enquêtes ni de suivis de ${business}.`,
    stopButton: 'Se désabonner',
    stoppedHeading: 'Vous êtes désabonné',
    stoppedLead: (email, business) => `${email} ne recevra plus d'enquêtes ni de suivis de ${business}.`,
  },
  de: {
    subject: 'Haben wir es wieder gutgemacht?',
    greeting: (name) => (name ? `Hallo ${name},` : 'Guten Tag,'),
    body: (business) => `Vor ein paar Tagen haben Sie ${business} geschrieben, dass etwas schiefgelaufen ist, und wir haben versucht, es in Ordnung zu bringen. Ist es jetzt gut?`,
    yes: 'Ja',
    notYet: 'Noch nicht',
    linksNote: 'Ein Klick öffnet eine kurze Seite, auf der Sie einen Kommentar hinzufügen können. Die Links gelten 14 Tage.',
    unsubscribe: 'Abmelden',
    footer: (business) => `Sie erhalten diese Nachricht einmalig, weil Sie ${business} kontaktiert haben.`,
    pageTitle: 'Haben wir es wieder gutgemacht?',
    yesHeading: 'Es ist wieder gut',
    notYetHeading: 'Noch nicht in Ordnung',
    yesLead: 'Danke für Ihre Rückmeldung. Möchten Sie noch etwas ergänzen?',
    notYetLead: 'Das tut uns leid. Schreiben Sie uns, was noch nicht stimmt, und wir melden uns bei Ihnen.',
    comment: 'Kommentar',
    commentHint: 'Freiwillig.',
    send: 'Senden',
    thanksHeading: 'Vielen Dank',
    thanksYes: 'Schön, dass es geklärt ist.',
    thanksNotYet: 'Ihre Antwort ging direkt an die Inhaberin oder den Inhaber, die sich bei Ihnen melden.',
    reviewInvitation: (business) => `Wenn Sie anderen von ${business} erzählen möchten, können Sie eine öffentliche Bewertung schreiben:`,
    expired: 'Dieser Link ist abgelaufen. Wenn noch etwas nicht stimmt, antworten Sie auf unsere letzte E-Mail.',
    used: 'Diese Frage wurde schon beantwortet. Vielen Dank!',
    notFound: 'Dieser Link ist ungültig. Bitte prüfen Sie, ob Sie den ganzen Link aus der E-Mail geöffnet haben.',
    failed: 'Ihre Antwort konnte gerade nicht gespeichert werden. Bitte versuchen Sie es in einer Minute noch einmal.',
    stopHeading: 'Diese E-Mails abbestellen?',
    stopLead: (email, business) => `${email} erhält keine Umfragen und Nachfragen von ${business} mehr.`,
    stopButton: 'Abmelden',
    stoppedHeading: 'Sie sind abgemeldet',
    stoppedLead: (email, business) => `${email} erhält keine Umfragen und Nachfragen von ${business} mehr.`,
  },
};

const MAC_LENGTH = 22;

function mac(secret: string, purpose: string, payload: string): string {
  return createHmac('sha256', secret).update(`${purpose}:${payload}`).digest('base64url').slice(0, MAC_LENGTH);
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** What a check-in link names: one handling of one case, until a time. */
export interface CheckInLink {
  caseId: string;
  handling: number;
  expiresAt: Date;
}

/**
 * The signed token of a check-in's links: `<case>.<handling>.<expiry>.<mac>`, keyed for check-ins
 * only, so no other link of the deployment is accepted here (and a forged one is refused without a
 * database read).
 */
export function checkInToken(secret: LinkSecret, link: CheckInLink): string {
  const payload = [link.caseId, link.handling.toString(36), Math.floor(link.expiresAt.getTime() / 1000).toString(36)].join('.');
  return `${payload}.${mac(signingKey(secret), 'check-in', payload)}`;
}

/**
 * Reads a check-in token: the link, `invalid` (forged, tampered, malformed) or `expired`. A token
 * signed with the key before a rotation still verifies.
 */
export function verifyCheckInToken(secret: LinkSecret, token: string, now: Date): CheckInLink | 'invalid' | 'expired' {
  const match = /^([A-Za-z0-9_-]{1,64})\.([0-9a-z]{1,10})\.([0-9a-z]{1,10})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!match) return 'invalid';
  const payload = token.slice(0, token.lastIndexOf('.'));
  if (!verificationKeys(secret).some((key) => sameText(match[4]!, mac(key, 'check-in', payload)))) return 'invalid';
  const expiresAt = new Date(parseInt(match[3]!, 36) * 1000);
  if (expiresAt.getTime() <= now.getTime()) return 'expired';
  return { caseId: match[1]!, handling: parseInt(match[2]!, 36), expiresAt };
}

/**
 * A customer's signed "no more mail" token: names their address, never expires (an unsubscribe
 * link must keep working), and is keyed apart from the owners' digest unsubscribe.
 */
export function customerOptOutToken(secret: LinkSecret, email: string): string {
  const normalised = email.trim().toLowerCase();
  return `${Buffer.from(normalised).toString('base64url')}.${mac(signingKey(secret), 'customer-opt-out', normalised)}`;
}

/** The address of a correctly signed customer opt-out token (current or previous key), or undefined. */
export function verifyCustomerOptOutToken(secret: LinkSecret, token: string): string | undefined {
  const match = /^([A-Za-z0-9_-]{4,400})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!match) return undefined;
  const email = Buffer.from(match[1]!, 'base64url').toString('utf8');
  return verificationKeys(secret).some((key) => sameText(match[2]!, mac(key, 'customer-opt-out', email))) ? email : undefined;
}

/** A check-in answer as it may change the record: only a sent, unanswered, unexpired check-in takes one. */
export function answerCheckIn(
  current: CheckInRecord,
  answer: CheckInAnswer,
  comment: string | undefined,
  now: Date,
): CheckInRecord | 'answered' | 'expired' | 'not-sent' {
  if (current.status === 'answered' || current.status === 'unknown') return current.status === 'answered' ? 'answered' : 'expired';
  if (current.status !== 'sent') return 'not-sent';
  if (current.expiresAt && Date.parse(current.expiresAt) <= now.getTime()) return 'expired';
  const clean = (comment ?? '').replace(/\r\n?/g, '\n').trim().slice(0, CHECK_IN_COMMENT_MAX);
  return { ...current, status: 'answered', answer, answeredAt: now.toISOString(), ...(clean ? { comment: clean } : {}) };
}
