import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('configuration from the environment', () => {
  it('defaults to the embedded SQLite file and port 3000', () => {
    const config = loadConfig({});
    expect(config).to.include({ databaseUrl: 'sqlite:data/bboor.sqlite', port: 3000, logLevel: 'info', bodyLimit: '100kb', trustProxy: false });
    expect(config.now).to.equal(undefined);
  });

  it('accepts sqlite:PATH and postgres:// URLs and a fixed BBOOR_NOW', () => {
    expect(loadConfig({ DATABASE_URL: 'sqlite:/tmp/x.sqlite' }).databaseUrl).to.equal('sqlite:/tmp/x.sqlite');
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).databaseUrl).to.equal('postgres://u@h/db');
    expect(loadConfig({ BBOOR_NOW: '2024-03-05T10:00:00+01:00' }).now).to.equal('2024-03-05T10:00:00+01:00');
  });

  it('reports every problem at once, each with its variable name', () => {
    let error: ConfigError | null = null;
    try {
      loadConfig({ DATABASE_URL: 'mysql://x', PORT: 'eighty', BBOOR_NOW: 'yesterday', LOG_LEVEL: 'loud' });
    } catch (err) {
      error = err as ConfigError;
    }
    expect(error).to.be.instanceOf(ConfigError);
    expect(error!.problems.map((p) => p.split(':')[0])).to.deep.equal(['DATABASE_URL', 'PORT', 'BBOOR_NOW', 'LOG_LEVEL']);
    expect(error!.message).to.contain('PORT');
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).port).to.equal(3000);
  });
});
