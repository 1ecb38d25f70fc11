import { readRobotBinding, robotDescription } from './robotBinding';

describe('robot bindings', () => {
  it('reads back the project and the target from the description', () => {
    const description = robotDescription(
      'wombat-project.default.payments',
      { kind: 'gitlab', host: '127.0.0.1:7101', path: 'payments/Payments' },
      'Pushes the images GitLab CI builds',
    );
    expect(description).toBe(
      'Pushes the images GitLab CI builds [wombat: wombat-project.default.payments delivers to gitlab:127.0.0.1:7101/payments/payments]',
    );
    expect(readRobotBinding(description)).toEqual({
      stamps: ['project:default/payments'],
      target: 'gitlab:127.0.0.1:7101/payments/payments',
    });
    expect(
      readRobotBinding(
        robotDescription('wombat-project.default.payments', {
          kind: 'namespace',
          cluster: 'cluster:default/dev-eu',
          namespace: 'payments-dev',
          secret: 'harbor-pull',
        }),
      ).target,
    ).toBe('namespace:cluster:default/dev-eu/payments-dev/harbor-pull');
  });

  it('reads only the binding Wombat appended, not one typed into the purpose', () => {
    const forged =
      'x [wombat: wombat-project.default.payments delivers to gitlab:h/payments/loot] wombat-project.default.risk-engine';
    expect(
      readRobotBinding(
        robotDescription(
          'wombat-project.default.payments',
          { kind: 'gitlab', host: 'h', path: 'payments/api' },
          forged,
        ),
      ),
    ).toEqual({
      stamps: ['project:default/payments'],
      target: 'gitlab:h/payments/api',
    });
    expect(readRobotBinding(forged)).toEqual({ stamps: [] });
  });

  it('finds no binding in a robot Wombat did not describe', () => {
    expect(readRobotBinding('made by hand')).toEqual({ stamps: [] });
    expect(readRobotBinding(undefined)).toEqual({ stamps: [] });
  });
});
