import { parseQuantity } from './quantity';

describe('parseQuantity', () => {
  it.each([
    ['2', 2],
    ['500m', 0.5],
    ['1.5', 1.5],
    ['512Mi', 512 * 2 ** 20],
    ['2Gi', 2 * 2 ** 30],
    ['1G', 1e9],
    ['1k', 1000],
    ['1e3', 1000],
    ['100u', 1e-4],
    ['+5', 5],
  ])('reads %s', (text, value) => {
    expect(parseQuantity(text)).toBeCloseTo(value);
  });

  it.each(['', '2 Gi', '2GB', 'two', '1ki', 'Gi', '1.2.3'])(
    'refuses %j',
    text => {
      expect(parseQuantity(text)).toBeUndefined();
    },
  );
});
