import { addWeeks } from './civil-date.js';
import { requirePolicyValue, type PolicyValue } from './policy.js';

/**
 * Whether a beschikking sent on `issuedOn` comes later than the policy's weeks after the offence
 * (Gemeentewet 154c: eight weeks, unless a reason is given). Pages use it to ask for the reason
 * before the back office submits; the fines service enforces the same rule when it issues.
 */
export function noticeIsLate(policies: readonly PolicyValue[], offenceDate: string, issuedOn: string): boolean {
  return issuedOn > addWeeks(offenceDate, requirePolicyValue(policies, 'notice_deadline_weeks', issuedOn));
}
