import { ScheduledFailures } from './ScheduledFailures';

describe('ScheduledFailures', () => {
  it('fails the given number of matching requests, oldest schedule first', () => {
    const failures = new ScheduledFailures();
    failures.add({ method: 'post', path: /^\/projects$/ }, 500, 2);
    failures.add({ method: 'POST', path: /projects/ }, 409);
    expect(failures.take('GET', '/projects')).toBeUndefined();
    expect(failures.take('POST', '/projects/1/members')).toBe(409);
    expect(failures.take('POST', '/projects')).toBe(500);
    expect(failures.take('POST', '/projects')).toBe(500);
    expect(failures.take('POST', '/projects')).toBeUndefined();
  });

  it('is not fooled by global regular expressions', () => {
    const failures = new ScheduledFailures();
    failures.add({ method: 'GET', path: /x/g }, 502, 2);
    expect(failures.take('GET', '/x')).toBe(502);
    expect(failures.take('GET', '/x')).toBe(502);
  });

  it('refuses nonsense', () => {
    const failures = new ScheduledFailures();
    expect(() => failures.add({ method: 'GET', path: /x/ }, 42)).toThrow();
    expect(() => failures.add({ method: 'GET', path: /x/ }, 500, 0)).toThrow();
  });
});
