/**
 * `pnpm admin add --email ann@example.be --name Ann [--role admin|facilitator]`: adds an account to the
 * store in DATA_DIR, or with DATABASE_URL to PostgreSQL (AC6). The password comes from VRIJUIT_PASSWORD or stdin, never from the command
 * line (where `ps` and shell history would keep it). Run it while the server is stopped or running:
 * SQLite's WAL lets both write the same file.
 */
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline';
import { AccountName, AccountRole, Email, Password } from '@vrijuit/protocol';
import { configFromEnv } from '../config.ts';
import { Auth } from '../auth/auth.ts';
import { openSqliteStore } from '../store/sqlite-store.ts';

async function readPassword(): Promise<string> {
  const fromEnv = process.env.VRIJUIT_PASSWORD;
  if (fromEnv) return fromEnv;
  if (process.stdin.isTTY) process.stderr.write('Password (at least 10 characters): ');
  const lines = createInterface({ input: process.stdin, terminal: false });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return '';
}

function usage(message: string): never {
  process.stderr.write(`${message}\nUsage: pnpm admin add --email <email> --name <name> [--role admin|facilitator]\n`);
  process.exit(2);
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string', default: 'admin' } },
});
if (positionals[0] !== 'add') usage('Unknown or missing subcommand.');
const email = Email.safeParse(values.email ?? '');
const name = AccountName.safeParse(values.name ?? '');
const role = AccountRole.safeParse(values.role);
if (!email.success) usage('A valid --email is needed.');
if (!name.success) usage('A --name is needed.');
if (!role.success) usage('--role is admin or facilitator.');
const password = Password.safeParse(await readPassword());
if (!password.success) usage('The password needs at least 10 characters.');

const config = configFromEnv(process.env);
const store = config.databaseUrl
  ? await (await import('../store/pg-store.ts')).PgStore.open(config.databaseUrl, { keyringDir: config.keyringDir })
  : openSqliteStore(config.dataDir);
const where = config.databaseUrl ? 'the PostgreSQL store' : config.dataDir;
try {
  const result = await new Auth(store.accounts, Date.now).createAccount({
    email: email.data,
    name: name.data,
    role: role.data,
    password: password.data,
  });
  if (!result.ok) {
    process.stderr.write(`An account with ${email.data} exists already.\n`);
    process.exitCode = 1;
  } else {
    process.stdout.write(`Added ${result.account.role} ${result.account.email} to ${where}.\n`);
  }
} finally {
  await store.close();
}
