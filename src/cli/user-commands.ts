import type { Services } from '../services.js';
import { NotFoundError } from '../shared/errors.js';
import { isRole, ROLES } from '../modules/auth/roles.js';
import { cliActor, parse, printJson, requireOption, UsageError } from './cli-support.js';
import { readHiddenLine } from './hidden-line.js';

export const USER_USAGE = `bboor user add --name NAME --role ROLE [--badge NUMBER] [--username NAME] [--password-stdin]
bboor user password --username NAME        (reads the new password from stdin)
bboor user list
bboor user token --id USER_ID [--label TEXT]
bboor user revoke-token --id USER_ID --token-id TOKEN_ID
bboor user deactivate --id USER_ID --reason TEXT`;

/**
 * A password from standard input (a pipe or a prompt), never from an argument: arguments end up in
 * the shell's history and in `ps`. The first line counts; its line ending is not part of it. At a
 * terminal it is typed without being shown (hidden-line.ts).
 */
async function passwordFromStdin(): Promise<string> {
  if (process.stdin.isTTY) {
    const typed = await readHiddenLine(process.stdin, process.stderr, 'Wachtwoord (minstens 12 tekens, wordt niet getoond), dan Enter: ');
    if (typed === null) throw new UsageError('password entry aborted');
    if (!typed) throw new UsageError('no password on stdin');
    return typed;
  }
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  const password = text.split(/\r?\n/)[0] ?? '';
  if (!password) throw new UsageError('no password on stdin');
  return password;
}

function userId(value: string | undefined): number {
  const id = Number(requireOption(value, 'id'));
  if (!Number.isSafeInteger(id) || id <= 0) throw new UsageError('--id must be a positive whole number');
  return id;
}

export async function userCommand(services: Services, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { auth } = services;
  switch (sub) {
    case 'add': {
      const { values } = parse(rest, { name: { type: 'string' }, role: { type: 'string' }, badge: { type: 'string' }, username: { type: 'string' }, 'password-stdin': { type: 'boolean' } });
      const role = requireOption(values.role, 'role');
      if (!isRole(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
      const name = requireOption(values.name, 'name');
      const { user, token } = await auth.addUser(cliActor(), {
        name,
        role,
        ...(values.badge ? { badgeNumber: values.badge } : {}),
        ...(values.username ? { username: values.username } : {}),
        ...(values['password-stdin'] ? { password: await passwordFromStdin() } : {}),
      });
      printJson({ id: user.id, username: user.username, role: user.role, ...(user.badgeNumber ? { badge: user.badgeNumber } : {}), token });
      return 0;
    }
    case 'password': {
      const { values } = parse(rest, { username: { type: 'string' } });
      const username = requireOption(values.username, 'username');
      const user = await auth.findUserByUsername(username);
      if (!user) throw new NotFoundError(`Gebruiker ${username} bestaat niet.`);
      const updated = await auth.setPassword(cliActor(), user.id, await passwordFromStdin());
      printJson({ id: updated.id, username: updated.username, hasPassword: updated.hasPassword });
      return 0;
    }
    case 'list':
      printJson(await auth.listUsers());
      return 0;
    case 'token': {
      const { values } = parse(rest, { id: { type: 'string' }, label: { type: 'string' } });
      const { token, info } = await auth.issueToken(cliActor(), userId(values.id), values.label ?? 'cli');
      printJson({ ...info, token });
      return 0;
    }
    case 'revoke-token': {
      const { values } = parse(rest, { id: { type: 'string' }, 'token-id': { type: 'string' } });
      const tokenId = Number(requireOption(values['token-id'], 'token-id'));
      printJson(await auth.revokeToken(cliActor(), userId(values.id), tokenId, null));
      return 0;
    }
    case 'deactivate': {
      const { values } = parse(rest, { id: { type: 'string' }, reason: { type: 'string' } });
      printJson(await auth.setActive(cliActor(), userId(values.id), false, requireOption(values.reason, 'reason')));
      return 0;
    }
    default:
      throw new UsageError(`unknown user command ${sub ?? '(none)'}`);
  }
}
