import type { Services } from '../../services.js';
import type { PageSpec } from '../pages.js';
import { backofficeCollectionPages } from './backoffice-collection.pages.js';
import { backofficeFinePages } from './backoffice-fines.pages.js';
import { backofficeNoticePages } from './backoffice-notices.pages.js';
import { backofficeObjectionPages } from './backoffice-objections.pages.js';

/** The back office's pages: fines, beschikkingen and notice runs, objections, the collection run. */
export function backofficePages(services: Services): PageSpec[] {
  return [...backofficeFinePages(services), ...backofficeNoticePages(services), ...backofficeObjectionPages(services), ...backofficeCollectionPages(services)];
}
