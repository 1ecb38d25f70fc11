/** RFC 3339 time in whole seconds, as Kubernetes and Rancher print it. */
export function rfc3339Seconds(date: Date = new Date()): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}
