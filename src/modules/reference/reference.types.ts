export interface MunicipalityProfile {
  code: string;
  name: string;
  bestuursorgaan: string;
  postalAddress: string;
  postcode: string;
  city: string;
  iban: string;
  bic: string | null;
  creditorName: string;
  phone: string | null;
  website: string | null;
  email: string | null;
  bboorFrom: string;
}
