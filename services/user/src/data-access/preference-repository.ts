import type { PreferencesRepository } from '../domain/ports';
import type { Queryable } from './postgres-queries';

export function preferencesSql(db: Queryable): PreferencesRepository {
  return {
    async find(userId) {
      const { rows } = await db.query<{ data: unknown }>('SELECT data FROM preferences WHERE user_id = $1', [userId]);
      return rows[0]?.data;
    },
    async save(userId, preferences) {
      await db.query(
        `INSERT INTO preferences (user_id, data) VALUES ($1, $2::jsonb)
         ON CONFLICT (user_id) DO UPDATE SET data = EXCLUDED.data, updated_at = now()`,
        [userId, JSON.stringify(preferences)],
      );
    },
    async delete(userId) {
      await db.query('DELETE FROM preferences WHERE user_id = $1', [userId]);
    },
  };
}
