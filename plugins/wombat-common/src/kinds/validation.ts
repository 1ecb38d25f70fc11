import {
  Entity,
  KindValidator,
  entityKindSchemaValidator,
  parseEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { WOMBAT_API_VERSION } from './constants';

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** The longest DNS-1123 label. @public */
export const DNS_LABEL_MAX_LENGTH = 63;

/**
 * Checks a DNS-1123 label, the rule for names that become GitLab paths,
 * Harbor projects and Kubernetes namespaces. Returns the reason it is not
 * one, or undefined when it is. `maxLength` lowers the limit of 63, for a
 * name that other names are built from (`payments` for `payments-dev`).
 *
 * @public
 */
export function explainInvalidDnsLabel(
  value: string,
  options?: { maxLength?: number },
): string | undefined {
  const maxLength = Math.min(
    options?.maxLength ?? DNS_LABEL_MAX_LENGTH,
    DNS_LABEL_MAX_LENGTH,
  );
  if (value.length === 0) {
    return 'must not be empty';
  }
  if (value.length > maxLength) {
    return `must be at most ${maxLength} characters long, it has ${value.length}`;
  }
  if (!DNS_1123_LABEL.test(value)) {
    return 'must be a DNS-1123 label: lowercase letters, digits and "-", starting and ending with a letter or digit';
  }
  return undefined;
}

/** An InputError that names the field, its value and why it is wrong. */
export function invalidField(field: string, value: unknown, reason: string) {
  return new InputError(`${field} ${JSON.stringify(value)} ${reason}`);
}

/** `/spec/members/0/role` becomes `spec.members[0].role`. */
function toFieldPath(instancePath: string): string {
  return instancePath
    .split('/')
    .filter(Boolean)
    .reduce(
      (path, segment) =>
        /^\d+$/.test(segment)
          ? `${path}[${segment}]`
          : `${path}${path ? '.' : ''}${segment}`,
      '',
    );
}

/**
 * Wraps Backstage's schema validator so that its messages name the field the
 * way entity authors write it (spec.members[0].role) instead of as a JSON
 * pointer.
 */
export function createSchemaCheck(schema: unknown) {
  const validate = entityKindSchemaValidator(schema);
  return (entity: Entity): boolean => {
    try {
      return validate(entity) !== false;
    } catch (error) {
      const message = String((error as Error).message);
      const match = message.match(/^(\S+) (.*)$/s);
      const field = match && match[1] !== '<root>' ? toFieldPath(match[1]) : '';
      throw new InputError(
        match ? `${field || 'entity'} ${match[2]}` : message,
      );
    }
  };
}

/**
 * Parses an entity reference and checks that it points at one of the allowed
 * kinds. Without `defaultKind` the reference must name its kind.
 */
export function checkEntityRef(
  field: string,
  ref: string,
  options: {
    allowedKinds: string[];
    defaultKind?: string;
    defaultNamespace?: string;
  },
) {
  const allowed = options.allowedKinds.map(k => k.toLocaleLowerCase('en-US'));
  const describe = options.allowedKinds.join(' or ');
  let parsed;
  try {
    parsed = parseEntityRef(ref, {
      defaultKind: options.defaultKind,
      defaultNamespace: options.defaultNamespace ?? 'default',
    });
  } catch (error) {
    throw invalidField(
      field,
      ref,
      `is not a ${describe} reference: ${(error as Error).message}`,
    );
  }
  if (!allowed.includes(parsed.kind.toLocaleLowerCase('en-US'))) {
    throw invalidField(
      field,
      ref,
      `is not a ${describe} reference (kind ${parsed.kind})`,
    );
  }
  return parsed;
}

/** Checks metadata.name against the DNS-1123 label rule. */
function checkEntityName(entity: Entity) {
  const reason = explainInvalidDnsLabel(entity.metadata.name);
  if (reason) {
    throw invalidField('metadata.name', entity.metadata.name, reason);
  }
}

/**
 * A KindValidator for one of Wombat's kinds. Entities of other kinds or api
 * versions are left to other processors (false). For ours, the name is
 * checked first, because that message says more than the schema's pattern
 * does, then the JSON schema, then the rules a schema cannot express.
 */
export function createKindValidator<T extends Entity>(options: {
  kind: string;
  schema: unknown;
  checkRules: (entity: T) => void;
}): KindValidator {
  const checkSchema = createSchemaCheck(options.schema);
  return {
    async check(entity: Entity) {
      if (
        entity.apiVersion !== WOMBAT_API_VERSION ||
        entity.kind !== options.kind
      ) {
        return false;
      }
      if (typeof entity.metadata?.name === 'string') {
        checkEntityName(entity);
      }
      checkSchema(entity);
      options.checkRules(entity as T);
      return true;
    },
  };
}
