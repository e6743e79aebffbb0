import { DateTime } from 'luxon';
import type { BankTransactionStatus, MatchDecision } from '../../modules/payments/bank.types.js';

/** A bank line's status as finance reads it, in the order of the queue's tabs. */
export const BANK_STATUS_LABELS: Record<BankTransactionStatus, string> = {
  unmatched: 'Niet herkend',
  suggested: 'Voorstel',
  allocated: 'Toegewezen',
  refund: 'Terug te betalen',
  'refund-paid': 'Terugbetaald',
  returned: 'Gestorneerd',
};

/** Why a decision was taken: the matching rule that fired or the person's action. */
export const RULE_LABELS: Record<string, string> = {
  'structured-reference': 'Betalingskenmerk in het kenmerkveld',
  'free-text-reference': 'Kenmerk of zaaknummer in de omschrijving',
  suggestion: 'Voorstel: zelfde bedrag, naam of rekening van de betaler',
  'suggestion-confirmed': 'Voorstel bevestigd door een medewerker',
  manual: 'Met de hand toegewezen',
  'manual-refund': 'Met de hand terug te betalen',
  'manual-refund-payout': 'Terugbetaling met de hand als betaald gemarkeerd',
  'refund-payout': 'Uitbetaling van een terugbetaling',
  return: 'Storno of retourbetaling',
};

export const OUTCOME_LABELS: Record<MatchDecision['outcome'], string> = {
  booked: 'Geboekt',
  suggested: 'Voorgesteld',
  rejected: 'Niet geboekt',
  refund: 'Terug te betalen',
  returned: 'Gestorneerd',
  'refund-paid': 'Terugbetaald',
};

type Kind = 'euro' | 'yesno' | 'date' | 'text' | 'line';
/** The evidence a decision stored, key by key: what it means and how to show its value. */
const EVIDENCE: Record<string, { label: string; kind: Kind }> = {
  reference: { label: 'Betalingskenmerk', kind: 'text' },
  kenmerken: { label: 'Kenmerken in de omschrijving', kind: 'text' },
  caseNumbers: { label: 'Zaaknummers in de omschrijving', kind: 'text' },
  fines: { label: 'Boetes', kind: 'text' },
  caseNumber: { label: 'Zaaknummer', kind: 'text' },
  sameAmount: { label: 'Bedrag gelijk aan wat de boete openstaat', kind: 'yesno' },
  payerNameMatchesOffender: { label: 'Naam van de betaler bevat de achternaam van de overtreder', kind: 'yesno' },
  payerIbanPaidThisOffenderBefore: { label: 'Deze rekening betaalde eerder voor deze overtreder', kind: 'yesno' },
  payerIban: { label: 'Zelfde rekening als de betaler', kind: 'yesno' },
  issuedOn: { label: 'Beschikking verstuurd op', kind: 'date' },
  dateGapDays: { label: 'Dagen tussen beschikking en betaling', kind: 'text' },
  amountCents: { label: 'Bedrag', kind: 'euro' },
  outstandingCents: { label: 'Stond open op de boete', kind: 'euro' },
  costsCents: { label: 'Naar kosten', kind: 'euro' },
  interestCents: { label: 'Naar rente', kind: 'euro' },
  principalCents: { label: 'Naar de boete', kind: 'euro' },
  excessCents: { label: 'Te veel betaald', kind: 'euro' },
  reason: { label: 'Reden', kind: 'text' },
  problem: { label: 'Waarom niet geboekt', kind: 'text' },
  returns: { label: 'Storneert regel', kind: 'line' },
  returnedBy: { label: 'Gestorneerd door regel', kind: 'line' },
  refundId: { label: 'Terugbetaling', kind: 'text' },
  confirmedBy: { label: 'Bevestigd door', kind: 'text' },
};

/** Parts of a split that are usually nothing: shown only when something went there. */
const ZERO_HIDDEN = new Set(['costsCents', 'interestCents', 'excessCents']);
const euro = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });

export interface EvidenceRow {
  label: string;
  value: string;
  /** A link to another bank line, when the evidence names one. */
  href?: string;
}

/** A decision's evidence as rows a person can read; keys without a label are shown as they are. */
export function evidenceRows(evidence: Record<string, unknown>): EvidenceRow[] {
  const rows: EvidenceRow[] = [];
  for (const [key, raw] of Object.entries(evidence)) {
    if (raw === null || raw === undefined || (Array.isArray(raw) && raw.length === 0)) continue;
    if (ZERO_HIDDEN.has(key) && Number(raw) === 0) continue;
    const spec = EVIDENCE[key] ?? { label: key, kind: 'text' as const };
    if (spec.kind === 'euro') rows.push({ label: spec.label, value: euro.format(Number(raw) / 100) });
    else if (spec.kind === 'yesno') rows.push({ label: spec.label, value: raw ? 'ja' : 'nee' });
    else if (spec.kind === 'line') rows.push({ label: spec.label, value: `regel ${String(raw)}`, href: `/app/betalingen/${Number(raw)}` });
    else if (spec.kind === 'date') rows.push({ label: spec.label, value: DateTime.fromISO(String(raw)).setLocale('nl').toFormat('d LLLL yyyy') });
    else rows.push({ label: spec.label, value: Array.isArray(raw) ? raw.join(', ') : String(raw) });
  }
  return rows;
}
