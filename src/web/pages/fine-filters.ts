import type { FineStatus } from '../../domain/fine-status.js';
import type { FineFilter } from '../../modules/fines/fines.query.js';
import { STATUS_LABELS } from '../labels.js';
import { SORTS } from './backoffice.labels.js';

export type ListFilter = Omit<FineFilter, 'limit' | 'offset'>;

/** The filters of the fines list as they stand in the URL (ids and codes only, never personal data). */
export interface FilterForm {
  status: string;
  feit: string;
  wijk: string;
  zoek: string;
  sorteer: string;
}

const CASE_NUMBER = /^BB-\d{4}-\d{6,}$/;

/**
 * The query string (or the posted filter form) → the fines service's filter. Unknown values are
 * dropped (a hand-edited URL shows the unfiltered list); a search that is neither a case number
 * nor a payment reference gets a message for the field and matches nothing. The form is posted and
 * redirected, so that only these checked values ever reach a URL, never a name someone typed.
 */
export function fineFilterFrom(query: Record<string, string>, offenceCodes: ReadonlySet<string>, districts: ReadonlySet<string>): { filter: ListFilter; form: FilterForm; searchError: string | null } {
  const status = query.status && query.status in STATUS_LABELS ? (query.status as FineStatus) : undefined;
  const feit = query.feit && offenceCodes.has(query.feit) ? query.feit : undefined;
  const wijk = query.wijk && districts.has(query.wijk) ? query.wijk : undefined;
  const sorteer = query.sorteer && query.sorteer in SORTS ? query.sorteer : 'nieuwste';
  const { sort, order } = SORTS[sorteer]!;
  const filter: ListFilter = { status, offenceCode: feit, district: wijk, sort, order };
  const zoek = (query.zoek ?? '').trim().slice(0, 40);
  let searchError: string | null = null;
  let search = zoek;
  if (zoek) {
    const digits = zoek.replace(/[\s.-]/g, '');
    if (/^\d{16}$/.test(digits)) search = filter.paymentReference = digits;
    else if (CASE_NUMBER.test(zoek.toUpperCase())) search = filter.caseNumber = zoek.toUpperCase();
    else {
      searchError = 'Vul een zaaknummer in, zoals BB-2024-000123, of een betalingskenmerk van 16 cijfers.';
      filter.fineIds = [];
    }
  }
  return { filter, form: { status: status ?? '', feit: feit ?? '', wijk: wijk ?? '', zoek: search, sorteer }, searchError };
}

/** The filters worth keeping in the pager's links (the defaults are left out). */
export function filterParams(form: FilterForm): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(form)) if (v && !(k === 'sorteer' && v === 'nieuwste')) out[k] = v;
  return out;
}
