/**
 * The annotation that puts a namespace into a Rancher project:
 * `<clusterId>:<projectId>`. Rancher's controllers also copy the project id
 * into a label of the same name.
 */
export const PROJECT_ID_ANNOTATION = 'field.cattle.io/projectId';
