import request from 'supertest';
import { expect } from 'chai';
import type { TestApp } from './test-app.js';
import { registration } from './fine-factory.js';

export const OWN_IBAN = 'NL91ABNA0417164300';
export const PAYER_IBAN = 'NL02RABO0123456789';

/** Registers and issues a fine; returns what a payer needs to pay it. */
export async function issuedFine(t: TestApp, overrides: { surname?: string; observedAt?: string; offenceCode?: string } = {}): Promise<{ id: number; amountCents: number; paymentReference: string; caseNumber: string }> {
  const body = registration({ ...(overrides.observedAt ? { observedAt: overrides.observedAt } : {}), ...(overrides.offenceCode ? { offenceCode: overrides.offenceCode } : {}) });
  if (overrides.surname) body.offender.surname = overrides.surname;
  const reg = await request(t.app).post('/api/v1/fines').set('Authorization', t.auth('boa')).send(body);
  expect(reg.status, JSON.stringify(reg.body)).to.equal(201);
  const issued = await request(t.app).post(`/api/v1/fines/${reg.body.id}/issue`).set('Authorization', t.auth('backoffice')).send({});
  expect(issued.status, JSON.stringify(issued.body)).to.equal(200);
  return { id: reg.body.id, amountCents: reg.body.amountCents, paymentReference: issued.body.paymentReference, caseNumber: reg.body.caseNumber };
}

/** Imports a statement as finance. Statements arrive after the payments on them: the clock moves to 2 April 2024 first. */
export function importFile(t: TestApp, content: string | Buffer, query = '') {
  if (t.clock.today() < '2024-04-02') t.clock.set('2024-04-02T09:00:00+02:00');
  return request(t.app).post(`/api/v1/bank-statements${query}`).set('Authorization', t.auth('finance')).set('Content-Type', 'application/octet-stream').send(Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'));
}

export async function fineDetail(t: TestApp, id: number) {
  return (await request(t.app).get(`/api/v1/fines/${id}`).set('Authorization', t.auth('finance'))).body;
}
