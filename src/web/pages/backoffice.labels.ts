import type { FineFilter } from '../../modules/fines/fines.query.js';

/** How a timeline event of a fine reads on its page. */
export const EVENT_LABELS: Record<string, string> = {
  registered: 'Rapport geregistreerd',
  withdrawn: 'Rapport ingetrokken',
  issued: 'Beschikking opgelegd',
  cancelled: 'Beschikking vernietigd',
  'objection-received': 'Bezwaar ontvangen',
  'objection-rejected': 'Bezwaar ongegrond',
  'objection-upheld': 'Bezwaar gegrond',
  'objection-reduced': 'Boete gematigd na bezwaar',
  aanmaning: 'Aanmaning verstuurd',
  dwangbevel: 'Overgedragen voor dwangbevel',
  'plan-reminder': 'Herinnering betalingsregeling',
  'payment-plan-granted': 'Betalingsregeling getroffen',
  'payment-plan-broken': 'Betalingsregeling vervallen',
  'written-off': 'Afgeboekt',
};

/** How an objection's outcome reads (Awb: ongegrond, gegrond, matiging per Awb 5:46 lid 3). */
export const OUTCOME_LABELS: Record<string, string> = {
  rejected: 'Ongegrond',
  upheld: 'Gegrond: boete vernietigd',
  reduced: 'Gedeeltelijk gegrond: boete gematigd',
};

/** The sort choices of the fines list: a value in the URL → the list's sort and order. */
export const SORTS: Record<string, { label: string; sort: FineFilter['sort']; order: FineFilter['order'] }> = {
  nieuwste: { label: 'Nieuwste rapport eerst', sort: 'registeredAt', order: 'desc' },
  oudste: { label: 'Oudste rapport eerst', sort: 'registeredAt', order: 'asc' },
  zaaknummer: { label: 'Zaaknummer', sort: 'caseNumber', order: 'asc' },
  pleegdatum: { label: 'Pleegdatum, nieuwste eerst', sort: 'offenceDate', order: 'desc' },
  vervaldatum: { label: 'Uiterste betaaldatum, vroegste eerst', sort: 'dueOn', order: 'asc' },
  bedrag: { label: 'Bedrag, hoogste eerst', sort: 'amountCents', order: 'desc' },
};
