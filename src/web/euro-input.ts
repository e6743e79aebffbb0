/**
 * A euro amount as typed on a Dutch form (`150`, `150,00`, `1.250,50`, `€ 12.5`) in cents, or null:
 * dots group thousands and a comma is the decimal sign; a dot with one or two digits after it is
 * read as a decimal sign too. Digits only, never through a float (design.md §4). The one parser of
 * typed amounts for every form.
 */
export function parseEuroInput(text: string): number | null {
  const s = text.replace(/€|\s/g, '');
  const m = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/.exec(s) ?? /^(\d+)\.(\d{1,2})$/.exec(s);
  if (!m) return null;
  const cents = Number(m[1]!.replace(/\./g, '')) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
  return Number.isSafeInteger(cents) ? cents : null;
}
