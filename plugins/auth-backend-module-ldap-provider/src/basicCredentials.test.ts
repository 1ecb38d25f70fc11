import { readBasicCredentials } from './basicCredentials';

const request = (authorization?: string) => ({
  header: (name: string) =>
    name.toLowerCase() === 'authorization' ? authorization : undefined,
});
const encode = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('readBasicCredentials', () => {
  it('splits at the first colon and decodes UTF-8', () => {
    expect(
      readBasicCredentials(request(`Basic ${encode('jürgen:pa:ss wörd')}`)),
    ).toEqual({ username: 'jürgen', password: 'pa:ss wörd' });
    expect(readBasicCredentials(request(`basic ${encode('a:')}`))).toEqual({
      username: 'a',
      password: '',
    });
  });

  it('ignores other schemes and malformed values', () => {
    expect(readBasicCredentials(request())).toBeUndefined();
    expect(readBasicCredentials(request('Bearer abc.def.ghi'))).toBeUndefined();
    expect(
      readBasicCredentials(request(`Basic ${encode('nocolon')}`)),
    ).toBeUndefined();
    expect(readBasicCredentials(request('Basic ***'))).toBeUndefined();
  });
});
