import { explainInvalidDnsLabel } from './validation';

describe('explainInvalidDnsLabel', () => {
  it.each(['payments', 'payments-dev', 'a', '0', 'a'.repeat(63)])(
    'accepts %j',
    value => {
      expect(explainInvalidDnsLabel(value)).toBeUndefined();
    },
  );

  it.each([
    ['', 'must not be empty'],
    ['Payments', 'must be a DNS-1123 label'],
    ['-x', 'must be a DNS-1123 label'],
    ['x-', 'must be a DNS-1123 label'],
    ['pay_ments', 'must be a DNS-1123 label'],
    ['a'.repeat(64), 'must be at most 63 characters long, it has 64'],
  ])('explains why %j is not a label', (value, reason) => {
    expect(explainInvalidDnsLabel(value)).toContain(reason);
  });

  it('takes a lower limit, never a higher one', () => {
    expect(explainInvalidDnsLabel('payments', { maxLength: 5 })).toBe(
      'must be at most 5 characters long, it has 8',
    );
    expect(explainInvalidDnsLabel('a'.repeat(64), { maxLength: 100 })).toBe(
      'must be at most 63 characters long, it has 64',
    );
  });
});
