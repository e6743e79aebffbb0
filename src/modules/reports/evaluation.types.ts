/** The year-end pilot evaluation (issue: the evaluation report). Field names are a public contract. */
export interface EvaluationReport {
  year: number;
  asOf: string;
  municipality: string;
  generatedAt: string;
  contentHash: string;
  fines: {
    issued: number;
    cancelled: number;
    minors: number;
    byMonth: { month: string; issued: number; imposedCents: number; collectedCents: number }[];
    byOffence: { offenceCode: string; issued: number; imposedCents: number; collectedCents: number }[];
    byDistrict: { district: string; issued: number }[];
  };
  money: {
    imposedCents: number;
    cancelledCents: number;
    netImposedCents: number;
    collectedCents: number;
    outstandingCents: number;
    writtenOffCents: number;
    refundedCents: number;
    costsImposedCents: number;
    costsCollectedCents: number;
    unallocatedReceiptsCents: number;
    collectionRate: number;
  };
  timeliness: {
    paidInFull: number;
    paidWithinTerm: number;
    paidWithinTermShare: number;
    medianDaysToFullPayment: number | null;
    paidAfterReminder: number;
    paidAfterEnforcement: number;
  };
  collection: { reminders: number; enforcementHandOffs: number; paymentPlans: number };
  objections: { received: number; upheld: number; reduced: number; rejected: number; pending: number; medianDaysToDecision: number | null };
  baseline: { year: number; finesIssued: number; imposedCents: number; revenueToMunicipalityCents: number }[];
}
