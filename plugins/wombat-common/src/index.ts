/**
 * Wombat's catalog kinds, annotations and relation types, shared by the
 * frontend and backend plugins.
 *
 * @packageDocumentation
 */

export * from './kinds';
export * from './annotations';
export * from './relations';
export * from './permissions';
export * from './projects';
