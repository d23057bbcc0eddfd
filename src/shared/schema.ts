/**
 * A tiny runtime schema language shared by the extension host and the webview. Each protocol
 * message is declared once as a schema and its TypeScript type is inferred from it, so the
 * compile-time type and the runtime check can never drift apart. No dependencies, no DOM and
 * no Node APIs: this file is compiled by both tsconfigs.
 *
 * Objects are strict (unknown keys are a mismatch): both ends ship in the same bundle, so an
 * extra key means a bug or a forged message, never an older peer.
 */

export interface Schema<T> {
  /** Returns undefined when `value` fits, else a short description of the first problem. */
  check(value: unknown, path: string): string | undefined;
  /** Never set; carries T for `Infer`. */
  readonly type?: T;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

type Props = Record<string, Schema<unknown>>;
type ObjectOf<P extends Props> = { [K in keyof P]: Infer<P[K]> };

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: string };

export function validate<T>(schema: Schema<T>, value: unknown): Checked<T> {
  const problem = schema.check(value, '');
  return problem === undefined ? { ok: true, value: value as T } : { ok: false, problem };
}

function describe(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'an array';
  }
  return typeof value === 'string' ? `a string of ${value.length} characters` : `a ${typeof value}`;
}

function at(path: string): string {
  return path || 'the message';
}

export function str(maxLength = Number.MAX_SAFE_INTEGER): Schema<string> {
  return {
    check: (value, path) =>
      typeof value !== 'string'
        ? `${at(path)}: expected a string, got ${describe(value)}`
        : value.length > maxLength
          ? `${at(path)}: longer than ${maxLength} characters`
          : undefined,
  };
}

export function int(min = 0, max = Number.MAX_SAFE_INTEGER): Schema<number> {
  return {
    check: (value, path) =>
      typeof value !== 'number' || !Number.isInteger(value)
        ? `${at(path)}: expected an integer, got ${describe(value)}`
        : value < min || value > max
          ? `${at(path)}: ${value} is outside ${min}..${max}`
          : undefined,
  };
}

export const bool: Schema<boolean> = {
  check: (value, path) => (typeof value === 'boolean' ? undefined : `${at(path)}: expected a boolean, got ${describe(value)}`),
};

export function oneOf<L extends string>(...allowed: readonly L[]): Schema<L> {
  return {
    check: (value, path) =>
      typeof value === 'string' && (allowed as readonly string[]).includes(value)
        ? undefined
        : `${at(path)}: expected one of ${allowed.join(', ')}`,
  };
}

export function nullable<T>(schema: Schema<T>): Schema<T | null> {
  return { check: (value, path) => (value === null ? undefined : schema.check(value, path)) };
}

/** A key that may be missing: webview state saved by an older version has fewer keys. */
export function optional<T>(schema: Schema<T>): Schema<T | undefined> {
  return { check: (value, path) => (value === undefined ? undefined : schema.check(value, path)) };
}

export function array<T>(item: Schema<T>, maxLength: number): Schema<T[]> {
  return {
    check(value, path) {
      if (!Array.isArray(value)) {
        return `${at(path)}: expected an array, got ${describe(value)}`;
      }
      if (value.length > maxLength) {
        return `${at(path)}: more than ${maxLength} items`;
      }
      for (let index = 0; index < value.length; index++) {
        const problem = item.check(value[index], `${path}[${index}]`);
        if (problem !== undefined) {
          return problem;
        }
      }
      return undefined;
    },
  };
}

export function object<P extends Props>(props: P): Schema<ObjectOf<P>> {
  const keys = Object.keys(props);
  return {
    check(value, path) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return `${at(path)}: expected an object, got ${describe(value)}`;
      }
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        if (!Object.prototype.hasOwnProperty.call(props, key)) {
          return `${at(path)}: unexpected key "${key.slice(0, 40)}"`;
        }
      }
      for (const key of keys) {
        const problem = props[key].check(record[key], path ? `${path}.${key}` : key);
        if (problem !== undefined) {
          return problem;
        }
      }
      return undefined;
    },
  };
}

type TaggedUnion<M extends Record<string, Props>> = {
  [Tag in keyof M & string]: { type: Tag } & ObjectOf<M[Tag]>;
}[keyof M & string];

/** A union discriminated by a string `type` key; each variant lists its other keys. */
export function tagged<M extends Record<string, Props>>(variants: M): Schema<TaggedUnion<M>> {
  const schemas = new Map<string, Schema<unknown>>();
  for (const [tag, props] of Object.entries(variants)) {
    schemas.set(tag, object({ type: oneOf(tag), ...props }));
  }
  return {
    check(value, path) {
      const tag = typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
      const schema = typeof tag === 'string' ? schemas.get(tag) : undefined;
      if (!schema) {
        const shown = typeof tag === 'string' ? `"${tag.slice(0, 40)}"` : describe(tag);
        return `${at(path)}: unknown message type ${shown}`;
      }
      return schema.check(value, path);
    },
  };
}
