import type { Address } from '../domain/address';
import type { AddressRepository } from '../domain/ports';
import { assignments, type Queryable } from './postgres-queries';

const COLUMNS =
  'id, user_id, recipient, line1, line2, city, region, postal_code, country, phone, is_default, created_at, updated_at';

interface AddressRow {
  id: string;
  user_id: string;
  recipient: string;
  line1: string;
  line2: string | null;
  city: string;
  region: string | null;
  postal_code: string;
  country: string;
  phone: string | null;
  is_default: boolean;
  created_at: Date;
  updated_at: Date;
}

const toAddress = (r: AddressRow): Address => ({
  id: r.id,
  userId: r.user_id,
  recipient: r.recipient,
  line1: r.line1,
  line2: r.line2,
  city: r.city,
  region: r.region,
  postalCode: r.postal_code,
  country: r.country,
  phone: r.phone,
  isDefault: r.is_default,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const FIELD_COLUMNS = {
  recipient: 'recipient',
  line1: 'line1',
  line2: 'line2',
  city: 'city',
  region: 'region',
  postalCode: 'postal_code',
  country: 'country',
  phone: 'phone',
  isDefault: 'is_default',
};

// Every statement filters by user_id as well as id: the owner check lives in the SQL itself.
export function addressesSql(db: Queryable): AddressRepository {
  return {
    async listByUser(userId, { page, pageSize }) {
      const [items, count] = await Promise.all([
        db.query<AddressRow>(
          `SELECT ${COLUMNS} FROM addresses WHERE user_id = $1 ORDER BY created_at, id LIMIT $2 OFFSET $3`,
          [userId, pageSize, (page - 1) * pageSize],
        ),
        db.query<{ n: string }>('SELECT count(*) AS n FROM addresses WHERE user_id = $1', [userId]),
      ]);
      return { items: items.rows.map(toAddress), total: Number(count.rows[0]?.n ?? 0) };
    },
    async findForUser(userId, addressId) {
      const { rows } = await db.query<AddressRow>(`SELECT ${COLUMNS} FROM addresses WHERE id = $1 AND user_id = $2`, [
        addressId,
        userId,
      ]);
      return rows[0] ? toAddress(rows[0]) : undefined;
    },
    async countByUser(userId) {
      const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM addresses WHERE user_id = $1', [
        userId,
      ]);
      return Number(rows[0]?.n ?? 0);
    },
    async insert(a) {
      const { rows } = await db.query<AddressRow>(
        `INSERT INTO addresses (id, user_id, recipient, line1, line2, city, region, postal_code, country, phone, is_default)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${COLUMNS}`,
        [
          a.id,
          a.userId,
          a.recipient,
          a.line1,
          a.line2,
          a.city,
          a.region,
          a.postalCode,
          a.country,
          a.phone,
          a.isDefault,
        ],
      );
      return toAddress(rows[0]!);
    },
    async update(userId, addressId, changes) {
      const values: unknown[] = [addressId, userId];
      const sets = assignments(FIELD_COLUMNS, changes as Record<string, unknown>, values);
      const { rows } = await db.query<AddressRow>(
        `UPDATE addresses SET ${[...sets, 'updated_at = now()'].join(', ')}
         WHERE id = $1 AND user_id = $2 RETURNING ${COLUMNS}`,
        values,
      );
      return rows[0] ? toAddress(rows[0]) : undefined;
    },
    async delete(userId, addressId) {
      const r = await db.query('DELETE FROM addresses WHERE id = $1 AND user_id = $2', [addressId, userId]);
      return r.rowCount === 1;
    },
    async deleteAllForUser(userId) {
      const r = await db.query('DELETE FROM addresses WHERE user_id = $1', [userId]);
      return r.rowCount ?? 0;
    },
    async clearDefault(userId, keepId) {
      await db.query(
        `UPDATE addresses SET is_default = false, updated_at = now()
         WHERE user_id = $1 AND is_default AND ($2::uuid IS NULL OR id <> $2::uuid)`,
        [userId, keepId ?? null],
      );
    },
  };
}
