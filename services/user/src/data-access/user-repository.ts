import { isUniqueViolation } from '@shop/postgres';
import type { AccountChanges, NewAccount, UserQuery, UserRepository } from '../domain/ports';
import type { Account, Role, UserStatus } from '../domain/user';
import { assignments, type Queryable } from './postgres-queries';

const COLUMNS = 'id, email, name, password_hash, roles, status, version, created_at, updated_at';

interface UserRow {
  id: string;
  email: string | null;
  name: string | null;
  password_hash: string | null;
  roles: string[];
  status: UserStatus;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const toAccount = (row: UserRow): Account => ({
  id: row.id,
  email: row.email,
  name: row.name,
  passwordHash: row.password_hash,
  roles: row.roles as Role[],
  status: row.status,
  version: row.version,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const CHANGE_COLUMNS = { email: 'email', name: 'name', passwordHash: 'password_hash', roles: 'roles' };

export function usersSql(db: Queryable): UserRepository {
  const one = async (text: string, values: unknown[]) => {
    const { rows } = await db.query<UserRow>(text, values);
    return rows[0] ? toAccount(rows[0]) : undefined;
  };

  return {
    findById: (id) => one(`SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]),
    findByEmail: (email) => one(`SELECT ${COLUMNS} FROM users WHERE lower(email) = lower($1)`, [email]),
    lockById: (id) => one(`SELECT ${COLUMNS} FROM users WHERE id = $1 FOR UPDATE`, [id]),

    async insert(account: NewAccount) {
      // ON CONFLICT instead of catching the error: the transaction stays usable.
      const created = await one(
        `INSERT INTO users (id, email, name, password_hash, roles) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT ((lower(email))) DO NOTHING RETURNING ${COLUMNS}`,
        [account.id, account.email, account.name, account.passwordHash, account.roles],
      );
      return created ?? 'email-taken';
    },

    async update(id: string, changes: AccountChanges) {
      const values: unknown[] = [id];
      const sets = assignments(CHANGE_COLUMNS, changes as Record<string, unknown>, values);
      try {
        const updated = await one(
          `UPDATE users SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')}
           WHERE id = $1 RETURNING ${COLUMNS}`,
          values,
        );
        if (!updated) throw new Error(`user ${id} vanished inside its own transaction`);
        return updated;
      } catch (err) {
        if (isUniqueViolation(err, 'users_email_unique')) return 'email-taken';
        throw err;
      }
    },

    async replacePasswordHash(id, passwordHash) {
      await db.query('UPDATE users SET password_hash = $2 WHERE id = $1 AND status = $3', [id, passwordHash, 'active']);
    },

    async anonymise(id) {
      const deleted = await one(
        `UPDATE users SET email = NULL, name = NULL, password_hash = NULL, status = 'deleted',
           deleted_at = now(), updated_at = now(), version = version + 1
         WHERE id = $1 RETURNING ${COLUMNS}`,
        [id],
      );
      if (!deleted) throw new Error(`user ${id} vanished inside its own transaction`);
      return deleted;
    },

    async list(query: UserQuery) {
      const values: unknown[] = [];
      const where: string[] = [];
      if (query.status) where.push(`status = $${values.push(query.status)}`);
      if (query.role) where.push(`$${values.push(query.role)} = ANY (roles)`);
      const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
      const count = await db.query<{ total: string }>(`SELECT count(*) AS total FROM users ${filter}`, values);
      const page = await db.query<UserRow>(
        `SELECT ${COLUMNS} FROM users ${filter} ORDER BY created_at DESC, id
         LIMIT $${values.length + 1} OFFSET $${values.length + 2}`,
        [...values, query.pageSize, (query.page - 1) * query.pageSize],
      );
      return { items: page.rows.map(toAccount), total: Number(count.rows[0]?.total ?? 0) };
    },

    async lockActiveAdminIds() {
      const { rows } = await db.query<{ id: string }>(
        `SELECT id FROM users WHERE 'admin' = ANY (roles) AND status = 'active' ORDER BY id FOR UPDATE`,
      );
      return rows.map((r) => r.id);
    },
  };
}
