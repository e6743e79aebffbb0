// The cover of a notice run: an internal page for the post room (run id, date, count, total and
// the list of case numbers with amounts), so the printed stack can be checked against the ledger.
// No names or addresses: the cover may lie around the print room (AVG art. 5 lid 1 c, minimisation).
import { DateTime } from 'luxon';
import { formatCents, type Cents } from '../../domain/money.js';
import { formatKenmerk } from '../../domain/betalingskenmerk.js';
import { fill } from './notice.template.js';
import { mm } from './pdf-layout.js';
import type { Ctx } from './pdf-blocks.js';
import { pageFurniture, rows, write } from './pdf-blocks.js';

export interface CoverRow {
  caseNumber: string;
  paymentReference: string;
  amountCents: Cents;
}

export interface CoverInfo {
  runId: number | string;
  createdOn: string;
  count: number;
  totalCents: Cents;
  pagesPerNotice: number | null;
}

function when(createdOn: string): string {
  const dt = DateTime.fromISO(String(createdOn), { zone: 'Europe/Amsterdam' }).setLocale('nl');
  if (!dt.isValid) return String(createdOn);
  return String(createdOn).length > 10 ? dt.toFormat('d MMMM yyyy, HH.mm') : dt.toFormat('d MMMM yyyy');
}

/** Draws the cover on new pages; returns how many pages it took. */
export function drawCover(ctx: Ctx, info: CoverInfo, list: readonly CoverRow[]): number {
  const { doc, L, t } = ctx;
  const c = t.cover;
  const x = mm(L.margins.left);
  const width = mm(L.page.width - L.margins.left - L.margins.right);
  const size = L.sizes.table;
  const rowH = mm(L.cover.rowHeight);
  const first = doc.bufferedPageRange().start + doc.bufferedPageRange().count;
  const runValues = { ...ctx.v, runId: String(info.runId) };

  doc.addPage();
  write(ctx, L.logo.small, x, mm(L.logo.y), { width, size: L.sizes.logoSmall, color: L.colors.brand });
  write(ctx, L.logo.large, x, mm(L.logo.y) + L.sizes.logoSmall + 1, { width, size: L.sizes.logoLarge, font: 'bold', color: L.colors.brand });
  write(ctx, c.internal, x, mm(L.logo.y), { width, size: L.sizes.small, font: 'bold', color: L.colors.muted, align: 'right' });
  let y = write(ctx, c.title, x, mm(42), { width, size: L.sizes.coverTitle, font: 'bold', color: L.colors.brand }) + 8;
  y = rows(ctx, [
    { label: c.run, value: String(info.runId), bold: true },
    { label: c.createdOn, value: when(info.createdOn) },
    { label: c.count, value: String(info.count), bold: true },
    { label: c.total, value: formatCents(info.totalCents), bold: true },
  ], x, y, mm(45), width, L.sizes.body + 1, 1.5);
  if (info.pagesPerNotice !== null) {
    y = write(ctx, fill(c.pagesPerNotice, { pages: String(info.pagesPerNotice) }), x, y + 4, { width, size: L.sizes.small, color: L.colors.muted });
  }
  y = write(ctx, c.tableHeading, x, Math.max(y + 10, mm(L.cover.tableTop) - 16), { width, size: L.sizes.heading + 1, font: 'bold', color: L.colors.brand }) + 3;

  const col = { nr: x, case: mm(L.cover.colCase), kenmerk: mm(L.cover.colKenmerk), amountRight: mm(L.cover.colAmountRight) };
  const header = (at: number): number => {
    doc.save().rect(x, at - 1.5, width, rowH).fill(L.colors.brand).restore();
    const o = { size, font: 'bold' as const, color: '#ffffff', maxLines: 1 };
    write(ctx, c.colNumber, col.nr + 3, at, { ...o, width: col.case - col.nr });
    write(ctx, c.colCase, col.case, at, { ...o, width: col.kenmerk - col.case });
    write(ctx, c.colKenmerk, col.kenmerk, at, { ...o, width: mm(50) });
    write(ctx, c.colAmount, col.amountRight - mm(35), at, { ...o, width: mm(35) - 3, align: 'right' });
    return at + rowH;
  };
  const bottom = mm(L.page.height - L.margins.bottom);

  y = header(y);
  let total = 0;
  for (const [i, r] of list.entries()) {
    if (y + rowH > bottom) {
      doc.addPage();
      y = write(ctx, fill(c.continued, runValues), x, mm(L.margins.top), { width, size: L.sizes.heading, font: 'bold', color: L.colors.brand }) + 4;
      y = header(y);
    }
    if (i % 2 === 1) doc.save().rect(x, y - 1.5, width, rowH).fill(L.colors.boxFill).restore();
    const o = { size, maxLines: 1 };
    write(ctx, String(i + 1), col.nr + 3, y, { ...o, width: col.case - col.nr, color: L.colors.muted });
    write(ctx, r.caseNumber, col.case, y, { ...o, width: col.kenmerk - col.case });
    write(ctx, formatKenmerk(r.paymentReference), col.kenmerk, y, { ...o, width: mm(50) });
    write(ctx, formatCents(r.amountCents), col.amountRight - mm(35), y, { ...o, width: mm(35) - 3, align: 'right' });
    total += r.amountCents;
    y += rowH;
  }
  if (y + rowH > bottom) {
    doc.addPage();
    y = mm(L.margins.top);
  }
  doc.save().moveTo(x, y - 1).lineTo(x + width, y - 1).lineWidth(0.8).strokeColor(L.colors.brand).stroke().restore();
  write(ctx, c.totalRow, col.case, y + 1, { width: mm(50), size, font: 'bold', maxLines: 1 });
  write(ctx, formatCents(total), col.amountRight - mm(35), y + 1, { width: mm(35) - 3, size, font: 'bold', align: 'right', maxLines: 1 });

  const last = doc.bufferedPageRange().start + doc.bufferedPageRange().count - 1;
  const pages = last - first + 1;
  for (let p = first; p <= last; p += 1) {
    doc.switchToPage(p);
    pageFurniture(ctx, p - first + 1, pages, `${c.run} ${String(info.runId)}`, null);
  }
  doc.switchToPage(last);
  return pages;
}
