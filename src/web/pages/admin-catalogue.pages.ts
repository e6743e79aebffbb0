import type { Services } from '../../services.js';
import { NotFoundError } from '../../shared/errors.js';
import { fieldErrors } from '../../shared/http/validate.js';
import { newTariffSchema, offenceCode } from '../../modules/catalogue/catalogue.schemas.js';
import type { Actor } from '../../modules/audit/audit.types.js';
import { definePage, type PageResult, type PageSpec } from '../pages.js';
import { fromServiceError, toFormErrors, type FormErrors } from '../form-errors.js';
import type { FlashStore } from '../flash.js';
import { onAmountField, TARIFF_LABELS, tariffFromForm } from './admin.form.js';

const offencePath = (code: string) => `/app/catalogus/${code}`;
const codeFrom = (value: string | undefined) => (offenceCode.safeParse(value).success ? value! : null);

/** The admin's catalogue pages: the offences, each with its dated tariffs, and a new tariff. */
export function adminCataloguePages({ catalogue, clock }: Services, flash: FlashStore): PageSpec[] {
  async function offencePage(actor: Actor, code: string | null, errors: FormErrors | null = null, form: Record<string, string> = {}, status = 200): Promise<PageResult> {
    if (!code) throw new NotFoundError('Dit feit staat niet in de catalogus.');
    const offence = await catalogue.offenceWithTariffs(code);
    const today = clock.today();
    // The tariff in force today: the latest that started on or before it (tariffs never change).
    const inForce = offence.tariffs.filter((t) => t.validFrom <= today).sort((a, b) => a.validFrom.localeCompare(b.validFrom)).at(-1) ?? null;
    const tariffs = [...offence.tariffs].sort((a, b) => b.validFrom.localeCompare(a.validFrom)).map((t) => ({ ...t, inForce: t.id === inForce?.id, future: t.validFrom > today }));
    return {
      template: 'admin/feit.njk',
      status,
      data: { title: `Feit ${offence.code}`, offence, tariffs, errors, form, flash: errors ? null : flash.take(actor.userId!, offencePath(offence.code)) },
    };
  }

  return [
    definePage({
      method: 'get', path: '/catalogus', permission: 'catalogue:manage',
      handler: async () => {
        const today = clock.today();
        return { template: 'admin/catalogus.njk', data: { title: 'Feiten en tarieven', today, offences: await catalogue.offencesOn(today) } };
      },
    }),
    definePage({
      method: 'get', path: '/catalogus/:code', permission: 'catalogue:manage',
      handler: async ({ actor, params }) => offencePage(actor, codeFrom(params.code)),
    }),
    definePage({
      method: 'post', path: '/catalogus/:code/tarieven', permission: 'catalogue:manage',
      handler: async ({ actor, params, form, requestId }) => {
        const code = codeFrom(params.code);
        if (!code) throw new NotFoundError('Dit feit staat niet in de catalogus.');
        const { value, errors } = tariffFromForm(form);
        const parsed = newTariffSchema.safeParse(value);
        if (errors.length || !parsed.success) {
          return offencePage(actor, code, toFormErrors(onAmountField([...errors, ...(parsed.success ? [] : fieldErrors(parsed.error))]), TARIFF_LABELS), form, 400);
        }
        try {
          const tariff = await catalogue.addTariff(actor, code, parsed.data, requestId);
          flash.put(actor.userId!, offencePath(tariff.offenceCode), { notice: 'Het nieuwe tarief is toegevoegd.' });
          return { redirect: offencePath(tariff.offenceCode) };
        } catch (err) {
          return offencePage(actor, code, fromServiceError(err, TARIFF_LABELS), form, 422);
        }
      },
    }),
  ];
}
