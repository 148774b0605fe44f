import type { Redis } from 'ioredis';

type ScriptFn = (...args: Array<string | number>) => Promise<unknown>;

/**
 * Registers a Lua script on the client: ioredis then sends EVALSHA (falling back to EVAL once
 * after a SCRIPT FLUSH or restart) instead of the whole script text on every call.
 * KEYS go first in `args` and get the client's keyPrefix like any other key.
 */
export function defineScript(redis: Redis, name: string, numberOfKeys: number, lua: string): ScriptFn {
  redis.defineCommand(name, { numberOfKeys, lua });
  const fn = (redis as unknown as Record<string, ScriptFn>)[name];
  if (!fn) throw new Error(`script ${name} was not defined`);
  return fn.bind(redis);
}
