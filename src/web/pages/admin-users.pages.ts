import type { Services } from '../../services.js';
import { NotFoundError } from '../../shared/errors.js';
import { fieldErrors } from '../../shared/http/validate.js';
import { newUserSchema, passwordSchema, reasonSchema, tokenLabelSchema } from '../../modules/auth/auth.schemas.js';
import type { User } from '../../modules/auth/auth.types.js';
import { ROLES } from '../../modules/auth/roles.js';
import type { Actor } from '../../modules/audit/audit.types.js';
import { definePage, type PageResult, type PageSpec } from '../pages.js';
import { fromServiceError, nestForm, toFormErrors, type FormErrors } from '../form-errors.js';
import type { FlashStore } from '../flash.js';
import { PASSWORD_LABELS, REASON_LABELS, TOKEN_LABELS, USER_LABELS } from './admin.form.js';

/** On the web a user is a person who logs in: the password is not optional here. */
const webUserSchema = newUserSchema.extend({ password: passwordSchema });

const userPath = (id: number) => `/app/gebruikers/${id}`;
const idFrom = (value: string | undefined) => (/^\d{1,9}$/.test(value ?? '') ? Number(value) : null);

/** The admin's user pages: who may log in with which role, their API tokens and passwords. */
export function adminUserPages({ auth, audit, db }: Services, flash: FlashStore): PageSpec[] {
  async function userOr404(id: number | null): Promise<User> {
    const user = id === null ? null : await auth.findUser(id);
    if (!user) throw new NotFoundError('Deze gebruiker bestaat niet.');
    return user;
  }

  /** The user's page; after a refused form, with that form's errors and what was typed (never a password). */
  async function detailPage(actor: Actor, id: number | null, requestId: string, errors: FormErrors | null = null, form: Record<string, string> = {}, status = 200): Promise<PageResult> {
    const user = await userOr404(id);
    await audit.recordRead(db, actor, { action: 'user.read', subjectType: 'user', subjectId: user.id, requestId });
    const tokens = await auth.listTokens(user.id);
    const shown = errors ? null : flash.take(actor.userId!, userPath(user.id));
    const { password: _never, ...kept } = form;
    return { template: 'admin/gebruiker.njk', status, data: { title: `Gebruiker ${user.username}`, shown: user, tokens, flash: shown, errors, form: kept, self: user.id === actor.userId } };
  }

  /** Runs a form's action; a refusal shows the user's page again with the errors next to the field. */
  function userAction(path: string, labels: Record<string, string>, act: (ctx: { actor: Actor; id: number; params: Record<string, string>; form: Record<string, string>; requestId: string }) => Promise<void>) {
    return definePage({
      method: 'post', path, permission: 'users:manage',
      handler: async ({ actor, params, form, requestId }) => {
        const user = await userOr404(idFrom(params.id));
        try {
          await act({ actor, id: user.id, params, form, requestId });
          return { redirect: userPath(user.id) };
        } catch (err) {
          const errors = err instanceof FormRefusal ? err.errors : fromServiceError(err, labels);
          return detailPage(actor, user.id, requestId, errors, form, err instanceof FormRefusal ? 400 : 422);
        }
      },
    });
  }

  return [
    definePage({
      method: 'get', path: '/gebruikers', permission: 'users:read',
      handler: async ({ actor, requestId }) => {
        const users = await auth.listUsers();
        // Names and badge numbers are personal data: reading the list is logged, as on the API.
        await audit.recordRead(db, actor, { action: 'user.list.read', subjectType: 'user', details: { count: users.length }, requestId });
        return { template: 'admin/gebruikers.njk', data: { title: 'Gebruikers', users } };
      },
    }),
    definePage({
      method: 'get', path: '/gebruikers/nieuw', permission: 'users:manage',
      handler: async () => ({ template: 'admin/gebruiker-nieuw.njk', data: { title: 'Gebruiker toevoegen', roles: ROLES, form: {}, errors: null } }),
    }),
    definePage({
      method: 'post', path: '/gebruikers/nieuw', permission: 'users:manage',
      handler: async ({ actor, form, requestId }) => {
        const { password: _never, ...kept } = form;
        const again = (errors: FormErrors, status: number) => ({ template: 'admin/gebruiker-nieuw.njk', status, data: { title: 'Gebruiker toevoegen', roles: ROLES, form: kept, errors } });
        const parsed = webUserSchema.safeParse(nestForm(form, Object.keys(USER_LABELS)));
        if (!parsed.success) return again(toFormErrors(fieldErrors(parsed.error), USER_LABELS), 400);
        try {
          const { user, token } = await auth.addUser(actor, parsed.data, requestId);
          flash.put(actor.userId!, userPath(user.id), { notice: `Gebruiker ${user.username} is aangemaakt en kan inloggen met het wachtwoord dat u koos.`, secret: token });
          return { redirect: userPath(user.id) };
        } catch (err) {
          return again(fromServiceError(err, USER_LABELS), 422);
        }
      },
    }),
    definePage({
      method: 'get', path: '/gebruikers/:id', permission: 'users:read',
      handler: async ({ actor, params, requestId }) => detailPage(actor, idFrom(params.id), requestId),
    }),
    userAction('/gebruikers/:id/tokens', TOKEN_LABELS, async ({ actor, id, form, requestId }) => {
      const label = parseOr(tokenLabelSchema, form.label, 'label', TOKEN_LABELS);
      const { token } = await auth.issueToken(actor, id, label, requestId);
      flash.put(actor.userId!, userPath(id), { notice: `Het token ‘${label}’ is gemaakt.`, secret: token });
    }),
    userAction('/gebruikers/:id/tokens/:tokenId/intrekken', {}, async ({ actor, id, params, requestId }) => {
      const tokenId = idFrom(params.tokenId);
      if (tokenId === null) throw new NotFoundError('Dit token bestaat niet.');
      const token = await auth.revokeToken(actor, id, tokenId, null, requestId);
      flash.put(actor.userId!, userPath(id), { notice: `Het token ‘${token.label}’ is ingetrokken.` });
    }),
    userAction('/gebruikers/:id/wachtwoord', PASSWORD_LABELS, async ({ actor, id, form, requestId }) => {
      await auth.setPassword(actor, id, parseOr(passwordSchema, form.password, 'password', PASSWORD_LABELS), requestId);
      flash.put(actor.userId!, userPath(id), { notice: 'Het nieuwe wachtwoord is ingesteld. Wie met het oude was ingelogd, is uitgelogd.' });
    }),
    ...([['blokkeren', false], ['toelaten', true]] as const).map(([verb, active]) =>
      userAction(`/gebruikers/:id/${verb}`, REASON_LABELS, async ({ actor, id, form, requestId }) => {
        await auth.setActive(actor, id, active, parseOr(reasonSchema, form.reason, 'reason', REASON_LABELS), requestId);
        flash.put(actor.userId!, userPath(id), { notice: active ? 'De gebruiker kan weer inloggen.' : 'De gebruiker is geblokkeerd: inloggen en API-tokens werken niet meer.' });
        }),
    ),
  ];
}

/** A one-field form that did not pass its schema: shown next to that field. */
class FormRefusal extends Error {
  constructor(readonly errors: FormErrors) {
    super('form refused');
  }
}

function parseOr<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: Parameters<typeof fieldErrors>[0] } }, value: string | undefined, field: string, labels: Record<string, string>): T {
  const parsed = schema.safeParse(value ?? '');
  if (parsed.success) return parsed.data;
  throw new FormRefusal(toFormErrors(fieldErrors(parsed.error).map((e) => ({ ...e, field })), labels));
}
