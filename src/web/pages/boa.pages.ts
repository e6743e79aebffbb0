import type { Services } from '../../services.js';
import { NotFoundError } from '../../shared/errors.js';
import { registrationSchema } from '../../modules/fines/fines.schemas.js';
import { DISTRICTS } from '../../modules/demo/demo-names.js';
import { definePage, type PageSpec } from '../pages.js';
import { fieldErrors } from '../../shared/http/validate.js';
import { fromServiceError, nestForm, toFormErrors, type FormErrors } from '../form-errors.js';
import { pageParams, pager } from '../pagination.js';
import { localNow, REGISTRATION_LABELS, registrationFromForm } from './boa.form.js';

const FIELDS = Object.keys(REGISTRATION_LABELS);
const PER_PAGE = 20;

/** The boa's pages: register a rapport on the street, see it confirmed, list their own rapports. */
export function boaPages({ fines, catalogue, clock }: Services): PageSpec[] {
  async function formPage(form: Record<string, string>, errors: FormErrors | null, status = 200) {
    const offences = await catalogue.offencesOn(clock.today());
    return {
      template: 'boa/register.njk',
      status,
      data: { title: 'Rapport opmaken', offences, districts: DISTRICTS.map((d) => d.name), form, errors },
    };
  }

  return [
    definePage({
      method: 'get', path: '/rapporten/nieuw', permission: 'fines:register',
      handler: async () => formPage({ observedAt: localNow(clock.now()), 'offender.address.country': 'NL', 'offender.address.city': 'Zoetermeer' }, null),
    }),
    definePage({
      method: 'post', path: '/rapporten/nieuw', permission: 'fines:register',
      handler: async ({ actor, form, requestId }) => {
        const { value, errors } = registrationFromForm(nestForm(form, FIELDS));
        const parsed = registrationSchema.safeParse(value);
        // Conversion errors first: they say more than the schema's about the same field.
        if (errors.length || !parsed.success) return formPage(form, toFormErrors([...errors, ...(parsed.success ? [] : fieldErrors(parsed.error))], REGISTRATION_LABELS), 400);
        try {
          const fine = await fines.register(actor, parsed.data, requestId);
          return { redirect: `/app/rapporten/${fine.id}/bevestiging` };
        } catch (err) {
          return formPage(form, fromServiceError(err, REGISTRATION_LABELS), 422);
        }
      },
    }),
    definePage({
      method: 'get', path: '/rapporten/:id/bevestiging', permission: 'fines:register',
      handler: async ({ actor, params }) => {
        const fine = /^\d{1,9}$/.test(params.id ?? '') ? await fines.find(Number(params.id)) : null;
        // Another boa's rapport does not exist for this one.
        if (!fine || fine.boaUserId !== actor.userId) throw new NotFoundError('Dit rapport bestaat niet.');
        const offence = await catalogue.offenceOn(fine.offenceCode, fine.offenceDate);
        return { template: 'boa/registered.njk', data: { title: 'Rapport geregistreerd', fine, offence } };
      },
    }),
    definePage({
      method: 'get', path: '/rapporten', permission: 'fines:register',
      handler: async ({ actor, query }) => {
        const { page, limit, offset } = pageParams(query, PER_PAGE);
        const { items, total } = await fines.list({ boaUserId: actor.userId!, sort: 'registeredAt', order: 'desc', limit, offset });
        const names = new Map((await catalogue.offencesOn(clock.today())).map((o) => [o.code, o.shortName]));
        return {
          template: 'boa/rapporten.njk',
          data: { title: 'Mijn rapporten', items: items.map((f) => ({ ...f, offenceName: names.get(f.offenceCode) ?? f.offenceCode })), pager: pager('/app/rapporten', page, PER_PAGE, total) },
        };
      },
    }),
  ];
}
