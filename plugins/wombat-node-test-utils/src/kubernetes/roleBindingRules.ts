import { notSupported, type FieldError } from './fieldErrors';
import { dns1123SubdomainProblems, pathSegmentNameProblems } from './names';

/** The group of the RBAC API, and the only `apiGroup` a role reference may name. */
export const RBAC_API_GROUP = 'rbac.authorization.k8s.io';

/**
 * The defaults rbac/v1 applies while decoding: `roleRef.apiGroup` and the
 * `apiGroup` of User and Group subjects. They come before validation, so a
 * client may leave them out.
 */
export function defaultRoleBinding(binding: any): void {
  binding.roleRef = { ...binding.roleRef };
  if (!binding.roleRef.apiGroup) {
    binding.roleRef.apiGroup = RBAC_API_GROUP;
  }
  if (Array.isArray(binding.subjects)) {
    binding.subjects = binding.subjects.map((subject: any) => {
      const defaulted = { ...subject };
      if (
        !defaulted.apiGroup &&
        (defaulted.kind === 'User' || defaulted.kind === 'Group')
      ) {
        defaulted.apiGroup = RBAC_API_GROUP;
      }
      return defaulted;
    });
  }
}

/**
 * `ValidateRoleBinding` of kubernetes/pkg/apis/rbac/validation, after the
 * object metadata: the role reference and every subject.
 */
export function roleBindingErrors(binding: any): FieldError[] {
  const errors: FieldError[] = [];
  const roleRef = binding.roleRef ?? {};
  if (roleRef.apiGroup !== RBAC_API_GROUP) {
    errors.push(
      notSupported('roleRef.apiGroup', roleRef.apiGroup ?? '', [
        RBAC_API_GROUP,
      ]),
    );
  }
  if (roleRef.kind !== 'Role' && roleRef.kind !== 'ClusterRole') {
    errors.push(
      notSupported('roleRef.kind', roleRef.kind ?? '', ['Role', 'ClusterRole']),
    );
  }
  if (!roleRef.name) {
    errors.push({ type: 'Required', field: 'roleRef.name', detail: '' });
  } else {
    for (const detail of pathSegmentNameProblems(roleRef.name)) {
      errors.push({
        type: 'Invalid',
        field: 'roleRef.name',
        value: roleRef.name,
        detail,
      });
    }
  }
  (binding.subjects ?? []).forEach((subject: any, index: number) =>
    errors.push(...subjectErrors(subject ?? {}, `subjects[${index}]`)),
  );
  return errors;
}

function subjectErrors(subject: any, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const name: string = subject.name ?? '';
  const apiGroup: string = subject.apiGroup ?? '';
  if (!name) {
    errors.push({ type: 'Required', field: `${path}.name`, detail: '' });
  }
  switch (subject.kind) {
    case 'ServiceAccount':
      if (name) {
        for (const detail of dns1123SubdomainProblems(name)) {
          errors.push({
            type: 'Invalid',
            field: `${path}.name`,
            value: name,
            detail,
          });
        }
      }
      if (apiGroup) {
        errors.push(notSupported(`${path}.apiGroup`, apiGroup, ['']));
      }
      break;
    case 'User':
    case 'Group':
      if (!name) {
        errors.push({
          type: 'Invalid',
          field: `${path}.name`,
          value: '',
          detail: `${subject.kind.toLowerCase()} name cannot be empty`,
        });
      }
      if (apiGroup !== RBAC_API_GROUP) {
        errors.push(
          notSupported(`${path}.apiGroup`, apiGroup, [RBAC_API_GROUP]),
        );
      }
      break;
    default:
      errors.push(
        notSupported(`${path}.kind`, subject.kind ?? '', [
          'ServiceAccount',
          'User',
          'Group',
        ]),
      );
  }
  return errors;
}
