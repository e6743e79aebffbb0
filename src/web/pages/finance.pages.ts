import type { Services } from '../../services.js';
import type { PageSpec } from '../pages.js';
import { financeImportPages } from './finance.import.pages.js';
import { financeQueuePages } from './finance.queue.pages.js';
import { financeLinePages } from './finance.line.pages.js';
import { financeApprovalPages } from './finance.approvals.pages.js';
import { financeReportPages } from './finance.reports.pages.js';

/** Finance's reconciliation desk: read statements, work the queue of bank lines, four eyes, refunds, reports. */
export function financePages(services: Services): PageSpec[] {
  return [...financeImportPages(services), ...financeQueuePages(services), ...financeLinePages(services), ...financeApprovalPages(services), ...financeReportPages(services)];
}
