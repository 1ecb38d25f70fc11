import { normanError } from './normanResponses';

/**
 * Reading create bodies like norman's builder does: fields the schema does
 * not have are silently dropped, scalars given for string fields are turned
 * into strings, and a scalar where an object is expected is InvalidFormat.
 * The first two succeed on the real server, so they are only violations.
 */
export class NormanBody {
  readonly ignored: string[] = [];
  readonly coerced: string[] = [];
  refusal?: Response;

  constructor(private readonly body: Record<string, unknown>) {}

  static from(body: unknown): NormanBody {
    return new NormanBody(
      body !== null && typeof body === 'object' && !Array.isArray(body)
        ? (body as Record<string, unknown>)
        : {},
    );
  }

  /** Records the fields outside `known` as ignored. */
  dropUnknown(known: string[], source = this.body, prefix = ''): void {
    for (const key of Object.keys(source)) {
      if (!known.includes(key)) {
        this.ignored.push(`${prefix}${key}`);
      }
    }
  }

  has(field: string): boolean {
    return this.body[field] !== undefined && this.body[field] !== null;
  }

  /** A string field; numbers and booleans become strings, as norman converts them. */
  string(field: string): string | undefined {
    return this.scalar(this.body[field], field);
  }

  /** A `map[string]` field such as labels. */
  stringMap(field: string): Record<string, string> | undefined {
    const value = this.object(field, 'map[string]');
    if (!value) {
      return undefined;
    }
    const result: Record<string, string> = {};
    for (const [key, item] of Object.entries(value)) {
      const text = this.scalar(item, `${field}.${key}`);
      if (text !== undefined) {
        result[key] = text;
      }
    }
    return result;
  }

  /** A nested type with string fields, e.g. `resourceQuota.limit`. */
  stringStruct(
    value: unknown,
    path: string,
    typeName: string,
    fields: readonly string[],
  ): Record<string, string> | undefined {
    if (value === undefined || value === null) {
      return undefined;
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
      this.invalidFormat(path, value, typeName);
      return undefined;
    }
    const result: Record<string, string> = {};
    for (const [key, item] of Object.entries(value)) {
      if (!fields.includes(key)) {
        this.ignored.push(`${path}.${key}`);
        continue;
      }
      const text = this.scalar(item, `${path}.${key}`);
      if (text !== undefined) {
        result[key] = text;
      }
    }
    return result;
  }

  /** An object field, or undefined; a scalar is refused with InvalidFormat. */
  object(field: string, typeName: string): Record<string, unknown> | undefined {
    const value = this.body[field];
    if (value === undefined || value === null) {
      return undefined;
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
      this.invalidFormat(field, value, typeName);
      return undefined;
    }
    return value as Record<string, unknown>;
  }

  private scalar(value: unknown, path: string): string | undefined {
    if (value === undefined || value === null) {
      return undefined;
    }
    if (typeof value === 'string') {
      return value;
    }
    if (typeof value === 'number' || typeof value === 'boolean') {
      this.coerced.push(`${path} (${JSON.stringify(value)})`);
      return String(value);
    }
    this.invalidFormat(path, value, 'string');
    return undefined;
  }

  private invalidFormat(path: string, value: unknown, typeName: string): void {
    this.refusal ??= normanError(
      'InvalidFormat',
      `Value can not be converted to type ${typeName}: ${JSON.stringify(
        value,
      )}`,
      path.split('.')[0],
    );
  }

  /** Violations for what the real server silently changed. */
  contractProblems(): string[] {
    return [
      ...this.ignored.map(
        field => `field ${field} is not in the schema and is silently dropped`,
      ),
      ...this.coerced.map(
        field => `field ${field} must be a string; Rancher converts it`,
      ),
    ];
  }
}
