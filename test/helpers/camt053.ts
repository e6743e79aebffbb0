/** Builds camt.053.001.02 documents for tests and benchmarks (the shape Dutch banks send). */
export interface CamtDetail {
  amountCents?: number;
  endToEndId?: string;
  name?: string;
  iban?: string;
  structuredReference?: string;
  text?: string;
  returnReason?: string;
}

export interface CamtEntry {
  amountCents: number;
  direction: 'credit' | 'debit';
  bookingDate: string;
  bankReference?: string;
  reversal?: boolean;
  details?: CamtDetail[];
}

export interface CamtStatement {
  account: string;
  id: string;
  openingCents: number;
  date: string;
  entries: CamtEntry[];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const amount = (cents: number) => `${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;

function balance(code: string, cents: number, date: string): string {
  return `<Bal><Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">${amount(cents)}</Amt><CdtDbtInd>${cents < 0 ? 'DBIT' : 'CRDT'}</CdtDbtInd><Dt><Dt>${date}</Dt></Dt></Bal>`;
}

function detail(d: CamtDetail, direction: 'credit' | 'debit'): string {
  const party = direction === 'credit' ? 'Dbtr' : 'Cdtr';
  return [
    '<TxDtls>',
    `<Refs><EndToEndId>${esc(d.endToEndId ?? 'NOTPROVIDED')}</EndToEndId></Refs>`,
    d.amountCents !== undefined ? `<AmtDtls><TxAmt><Amt Ccy="EUR">${amount(d.amountCents)}</Amt></TxAmt></AmtDtls>` : '',
    d.name || d.iban ? `<RltdPties>${d.name ? `<${party}><Nm>${esc(d.name)}</Nm></${party}>` : ''}${d.iban ? `<${party}Acct><Id><IBAN>${d.iban}</IBAN></Id></${party}Acct>` : ''}</RltdPties>` : '',
    d.structuredReference || d.text
      ? `<RmtInf>${d.text ? `<Ustrd>${esc(d.text)}</Ustrd>` : ''}${d.structuredReference ? `<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry><Issr>CUR</Issr></Tp><Ref>${d.structuredReference}</Ref></CdtrRefInf></Strd>` : ''}</RmtInf>`
      : '',
    d.returnReason ? `<RtrInf><Rsn><Cd>${d.returnReason}</Cd></Rsn></RtrInf>` : '',
    '</TxDtls>',
  ].join('');
}

function entry(e: CamtEntry): string {
  return [
    '<Ntry>',
    `<Amt Ccy="EUR">${amount(e.amountCents)}</Amt><CdtDbtInd>${e.direction === 'credit' ? 'CRDT' : 'DBIT'}</CdtDbtInd>`,
    e.reversal ? '<RvslInd>true</RvslInd>' : '',
    `<Sts>BOOK</Sts><BookgDt><Dt>${e.bookingDate}</Dt></BookgDt><ValDt><Dt>${e.bookingDate}</Dt></ValDt>`,
    e.bankReference ? `<AcctSvcrRef>${esc(e.bankReference)}</AcctSvcrRef>` : '',
    `<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>${e.direction === 'credit' ? 'RCDT' : 'ICDT'}</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>`,
    `<NtryDtls>${(e.details ?? [{}]).map((d) => detail(d, e.direction)).join('')}</NtryDtls>`,
    '</Ntry>',
  ].join('');
}

export function camt053(statements: CamtStatement[]): string {
  const body = statements
    .map((s) => {
      const movement = s.entries.reduce((sum, e) => sum + (e.direction === 'credit' ? e.amountCents : -e.amountCents), 0);
      return [
        '<Stmt>',
        `<Id>${esc(s.id)}</Id><ElctrncSeqNb>1</ElctrncSeqNb><CreDtTm>${s.date}T06:00:00</CreDtTm>`,
        `<Acct><Id><IBAN>${s.account}</IBAN></Id><Ccy>EUR</Ccy></Acct>`,
        balance('OPBD', s.openingCents, s.date),
        balance('CLBD', s.openingCents + movement, s.date),
        ...s.entries.map(entry),
        '</Stmt>',
      ].join('\n');
    })
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><GrpHdr><MsgId>TEST</MsgId><CreDtTm>2024-01-01T06:00:00</CreDtTm></GrpHdr>\n${body}\n</BkToCstmrStmt></Document>\n`;
}
