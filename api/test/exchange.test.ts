import { createDb } from '@hm/db';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SecretBox } from '../../engine/src/live/secret-box.js';
import { createTestKey, gql, startTestApp, type TestApp } from './support.js';

/** Exchange accounts, LIVE/EXCHANGE session rules and the kill switch, through the API (no worker). */
describe('exchange trading API', { shuffle: false }, () => {
  let app: TestApp;
  const db = createDb(inject('databaseUrl'));
  const secretsKey = SecretBox.generateKey();
  const tag = `exch-test-${Date.now()}`;
  const SECRET = 'test-secret-that-must-never-come-back-0001';
  const KEY_ID = 'TESTKEYID0000000000000001';
  let testnetId = '';
  let mainnetId = '';

  beforeAll(async () => {
    app = await startTestApp({ live: { secretsKey, simulatorUrl: undefined } });
  });
  afterAll(async () => {
    await app.stop();
    await db.$disconnect();
  });

  const CREATE_ACCOUNT = `mutation($name: String!, $network: ExchangeNetwork!) {
    createExchangeAccount(name: $name, network: $network, apiKey: "${KEY_ID}", apiSecret: "${SECRET}") { id name network keyHint } }`;
  const RESULT = '__typename ... on Error { message } ... on InputError { field }';
  const createSession = (input: Record<string, unknown>) =>
    gql<{
      createSession: {
        __typename: string;
        field?: string;
        message?: string;
        data?: { id: string; venue: string; risk: unknown };
      };
    }>(
      app.url,
      `mutation($input: CreateSessionInput!) { createSession(input: $input) { ${RESULT}
        ... on MutationCreateSessionSuccess { data { id venue risk { maxPosition maxOrderNotional maxOrdersPerMinute dailyLossLimit } account { name keyHint } } } } }`,
      { input: { strategy: 'TestBot', markets: ['XBTUSD'], ...input } },
    );

  it('stores credentials sealed; answers show only a key hint, never the key or the secret', async () => {
    const res = await gql<{ createExchangeAccount: { id: string; keyHint: string; network: string } }>(
      app.url,
      CREATE_ACCOUNT,
      { name: `${tag} testnet`, network: 'TESTNET' },
    );
    expect(res.errors).toBeUndefined();
    testnetId = res.data?.createExchangeAccount.id ?? '';
    expect(res.data?.createExchangeAccount).toMatchObject({ network: 'TESTNET', keyHint: 'TEST…' });
    const main = await gql<{ createExchangeAccount: { id: string } }>(app.url, CREATE_ACCOUNT, {
      name: `${tag} mainnet`,
      network: 'MAINNET',
    });
    mainnetId = main.data?.createExchangeAccount.id ?? '';
    const listed = await gql(app.url, '{ exchangeAccounts { id name network keyHint createdAt revokedAt } }');
    const text = JSON.stringify(listed);
    expect(text).toContain(`${tag} testnet`);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(KEY_ID);
    const row = await db.exchangeAccount.findUniqueOrThrow({ where: { id: testnetId } });
    expect(JSON.stringify(row)).not.toContain(SECRET);
    expect(new SecretBox(secretsKey).open(row.apiSecretCipher)).toBe(SECRET);
  });

  it('only admin keys manage accounts', async () => {
    const { key } = await createTestKey('control');
    const res = await gql(app.url, '{ exchangeAccounts { id } }', {}, { key });
    expect(res.errors?.[0]?.message).toMatch(/admin/);
  });

  it('a duplicate account name is a clear input error', async () => {
    const res = await gql(app.url, CREATE_ACCOUNT, { name: `${tag} testnet`, network: 'TESTNET' });
    expect(res.errors?.[0]?.message).toMatch(/exists already/);
  });

  it('LIVE needs the typed confirmation and an account; TEST never trades a MAINNET account', async () => {
    const noConfirm = await createSession({ name: `${tag} live`, mode: 'LIVE', accountId: mainnetId });
    expect(noConfirm.data?.createSession).toMatchObject({ __typename: 'InputError', field: 'confirmLive' });
    const noAccount = await createSession({
      name: `${tag} live`,
      mode: 'LIVE',
      confirmLive: 'I understand this trades real money',
    });
    expect(noAccount.data?.createSession).toMatchObject({ __typename: 'InputError', field: 'accountId' });
    const testOnMainnet = await createSession({
      name: `${tag} t`,
      mode: 'TEST',
      venue: 'EXCHANGE',
      accountId: mainnetId,
    });
    expect(testOnMainnet.data?.createSession).toMatchObject({ __typename: 'InputError', field: 'accountId' });
    expect(testOnMainnet.data?.createSession.message).toMatch(/MAINNET/);
    const badId = await createSession({ name: `${tag} t`, mode: 'TEST', venue: 'EXCHANGE', accountId: 'nope' });
    expect(badId.data?.createSession).toMatchObject({ __typename: 'InputError', field: 'accountId' });

    const live = await createSession({
      name: `${tag} live`,
      mode: 'LIVE',
      accountId: mainnetId,
      confirmLive: 'I understand this trades real money',
      risk: { maxPosition: 300 },
    });
    expect(live.data?.createSession.__typename, live.data?.createSession.message).toBe('MutationCreateSessionSuccess');
    expect(live.data?.createSession.data).toMatchObject({
      venue: 'EXCHANGE',
      risk: { maxPosition: 300, maxOrderNotional: 1, maxOrdersPerMinute: 30, dailyLossLimit: 0.05 },
      account: { name: `${tag} mainnet`, keyHint: 'TEST…' },
    });
    // Starting (or restarting) it later sends real orders again: the same phrase is asked for.
    const liveId = live.data?.createSession.data?.id ?? '';
    for (const mutation of ['startSession', 'restartSession']) {
      const start = (confirmLive?: string) =>
        gql<Record<string, { __typename: string; field?: string }>>(
          app.url,
          `mutation($id: ID!, $c: String) { ${mutation}(id: $id, confirmLive: $c) { ${RESULT} } }`,
          { id: liveId, c: confirmLive ?? null },
        );
      expect((await start()).data?.[mutation], mutation).toMatchObject({
        __typename: 'InputError',
        field: 'confirmLive',
      });
      expect((await start('i understand')).data?.[mutation]).toMatchObject({ __typename: 'InputError' });
    }
    const paper = await createSession({ name: `${tag} paper`, mode: 'TEST' });
    expect(paper.data?.createSession.data).toMatchObject({ venue: 'SIMULATED', risk: null });
    const badRisk = await createSession({ name: `${tag} paper`, mode: 'TEST', risk: { maxPosition: -5 } });
    expect(badRisk.data?.createSession).toMatchObject({ __typename: 'InputError', field: 'risk.maxPosition' });
  });

  it('the kill switch wants its confirmation word', async () => {
    const res = await gql(app.url, 'mutation { killSwitch(confirm: "yes") { sessionsHalted } }');
    expect(res.errors?.[0]?.message).toBe('confirm must be "KILL"');
  });

  it('a revoked account is wiped and refused for new sessions', async () => {
    const res = await gql(app.url, 'mutation($id: ID!) { revokeExchangeAccount(id: $id) { revokedAt } }', {
      id: testnetId,
    });
    expect(res.errors).toBeUndefined();
    const row = await db.exchangeAccount.findUniqueOrThrow({ where: { id: testnetId } });
    expect(row.apiSecretCipher).toBe('');
    const s = await createSession({ name: `${tag} t2`, mode: 'TEST', venue: 'EXCHANGE', accountId: testnetId });
    expect(s.data?.createSession).toMatchObject({ __typename: 'InputError', field: 'accountId' });
  });
});
