import { CompoundEntityRef } from '@backstage/catalog-model';
import { PROJECT_KIND } from '../kinds/constants';
import { parseProjectRef, stringifyProjectRef } from './refs';

/*
 * What Wombat writes into GitLab, Harbor, Rancher and Proxmox to say which
 * project a resource belongs to. The stamp is a word that is a valid Proxmox
 * tag (lowercase letters, digits, "_", "-", "+", ".") and GitLab topic, so
 * every system can hold the same spelling; systems with annotations hold
 * the full reference instead.
 */

const STAMP_PREFIX = 'wombat-project.';
const LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const STAMP_VALUE = new RegExp(`^${LABEL}(\\.${LABEL})?$`);

/**
 * The stamp of a project: `wombat-project.<namespace>.<name>`.
 *
 * @public
 */
export function projectStamp(projectRef: string): string {
  const ref = parseProjectRef(projectRef);
  return `${STAMP_PREFIX}${ref.namespace}.${ref.name}`;
}

function refOfStampValue(value: string): string {
  const [first, second] = value.split('.');
  // Before stamps carried the namespace they held the bare name, which
  // always meant the default namespace.
  const ref: CompoundEntityRef =
    second === undefined
      ? { kind: PROJECT_KIND, namespace: 'default', name: first }
      : { kind: PROJECT_KIND, namespace: first, name: second };
  return stringifyProjectRef(ref);
}

/**
 * The project references that stamps in `text` name (a description, or tags
 * and topics joined by anything): usually none or one. Duplicates are
 * listed once.
 *
 * @public
 */
export function readProjectStamps(text: string | readonly string[]): string[] {
  const source = (typeof text === 'string' ? [text] : text)
    .join(' ')
    .toLocaleLowerCase('en-US');
  const refs = new Set<string>();
  // Words of the tag alphabet; a stamp is one of them, maybe followed by a
  // sentence's full stop.
  for (const word of source.split(/[^a-z0-9_.+-]+/)) {
    const value = word.replace(/\.+$/, '');
    if (value.startsWith(STAMP_PREFIX)) {
      const rest = value.slice(STAMP_PREFIX.length);
      if (STAMP_VALUE.test(rest)) {
        refs.add(refOfStampValue(rest));
      }
    }
  }
  return [...refs];
}

/**
 * The name a project's resources carry in GitLab (its group path), Harbor
 * (its project) and Rancher (its project): the project's name in the
 * default namespace, `<namespace>.<name>` in any other, so that two
 * namespaces' projects of the same name never share one.
 *
 * @public
 */
export function projectSystemName(projectRef: string): string {
  const ref = parseProjectRef(projectRef);
  return ref.namespace === 'default'
    ? ref.name
    : `${ref.namespace}.${ref.name}`;
}
