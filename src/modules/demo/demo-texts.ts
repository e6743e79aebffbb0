/**
 * What the demo boa's write up: the offences weighted like Zoetermeer's enforcement focus (dogs,
 * wildplassen, afval, jeugdoverlast, lachgas, geluid), when in the day they happen, who commits
 * them, and a short observation in a boa's style. Every code here exists in
 * db/reference/offences.json (a test checks it). Left out on purpose: A.6.1 (graffiti is
 * handled under criminal law in Zoetermeer), A.13/A.14 (alcohol: BBOOR use not yet confirmed
 * legally) and A.28 (softdrugs: needs an aanwijzingsbesluit), per the notes in that file.
 */

export interface OffenceProfile {
  code: string;
  /** Relative share over the year. */
  weight: number;
  /** Multiplier at the height of summer (July); 1 = no season, < 1 = more in winter. */
  summer: number;
  /** Observed between these whole hours (from inclusive, to exclusive), Europe/Amsterdam. */
  hours: readonly [number, number];
  /** Share of offenders aged 12–15 (the service halves their tariff). */
  minorShare: number;
  /** Age range of the adult offenders. */
  adultAge: readonly [number, number];
  /** Usually committed where the offender lives (dogs, household waste). */
  nearHome: boolean;
  /** The location has a house number (an address rather than a stretch of street). */
  houseNumber: boolean;
  /** Share of men among the offenders; 0.55 when not given. */
  maleShare?: number;
  /** {tijd} = HH:mm, {straat} = street, {wijk} = district. */
  templates: readonly string[];
}

const DOG = { minorShare: 0, adultAge: [22, 78] as const, nearHome: true, houseNumber: false };
const YOUTH = { adultAge: [16, 24] as const, nearHome: false, houseNumber: false, maleShare: 0.75 };

export const OFFENCES: readonly OffenceProfile[] = [
  { code: 'A.24.1', weight: 16, summer: 1.1, hours: [7, 21], ...DOG, templates: [
    'Tijdens surveillance op de {straat} zag ik omstreeks {tijd} uur dat betrokkene een hond uitliet die niet was aangelijnd. De hond liep los over de openbare weg binnen de bebouwde kom.',
    'Omstreeks {tijd} uur zag ik op de {straat} een loslopende hond, middelgroot, bruin. Betrokkene bleek de eigenaar; de riem hing om de nek van betrokkene.',
  ] },
  { code: 'A.24.2', weight: 5, summer: 1.3, hours: [8, 20], ...DOG, templates: [
    'Ik zag omstreeks {tijd} uur een hond op de omheinde kinderspeelplaats aan de {straat}. Bij de ingang staat een bord "verboden voor honden". Betrokkene stond bij de hond.',
  ] },
  { code: 'A.24.4', weight: 5, summer: 1, hours: [7, 21], ...DOG, templates: [
    'Bij controle op de {straat} omstreeks {tijd} uur bleek betrokkene, die een hond uitliet, geen opruimmiddel (poepzakje) bij zich te hebben.',
  ] },
  { code: 'B.8.1', weight: 7, summer: 1, hours: [7, 21], ...DOG, templates: [
    'Ik zag omstreeks {tijd} uur dat de hond van betrokkene zich op het trottoir van de {straat} ontlastte. Betrokkene liep door zonder de uitwerpselen op te ruimen.',
  ] },
  { code: 'B.8.3', weight: 4, summer: 1, hours: [7, 21], ...DOG, templates: [
    'Ik zag omstreeks {tijd} uur dat de hond van betrokkene zich op het grasveld langs de {straat} ontlastte. Dit is geen aangewezen uitlaatplaats; de uitwerpselen werden niet opgeruimd.',
  ] },
  { code: 'A.26', weight: 2, summer: 1.2, hours: [9, 21], ...DOG, houseNumber: true, templates: [
    'Naar aanleiding van meldingen van omwonenden ter plaatse op de {straat}. Omstreeks {tijd} uur hoorde ik de hond in de tuin van betrokkene langdurig blaffen. Op dit adres is eerder een waarschuwing gegeven.',
  ] },
  { code: 'A.31', weight: 12, summer: 1.4, hours: [17, 22], minorShare: 0.03, adultAge: [17, 55], nearHome: false, houseNumber: false, maleShare: 0.93, templates: [
    'Ik zag omstreeks {tijd} uur dat betrokkene tegen de gevel van een pand aan de {straat} urineerde. Op korte afstand was een openbaar toilet beschikbaar.',
    'Tijdens avondsurveillance in {wijk} zag ik omstreeks {tijd} uur dat betrokkene in de bosschages naast de {straat} urineerde.',
  ] },
  { code: 'C.2', weight: 10, summer: 1, hours: [8, 17], minorShare: 0, adultAge: [20, 82], nearHome: true, houseNumber: true, templates: [
    'Ik trof omstreeks {tijd} uur bij de ondergrondse container aan de {straat} twee vuilniszakken naast de container aan. In een van de zakken zat post op naam en adres van betrokkene.',
    'Ik zag dat op de {straat} grofvuil (een bank en een matras) was buitengezet zonder afspraak met de gemeente. Betrokkene verklaarde dit zelf te hebben neergezet.',
  ] },
  { code: 'C.3', weight: 3, summer: 1, hours: [8, 18], minorShare: 0, adultAge: [25, 70], nearHome: false, houseNumber: true, templates: [
    'Bij controle omstreeks {tijd} uur trof ik bij de openbare papiercontainer aan de {straat} bedrijfsafval aan (kartonnen dozen met de naam van de winkel). Betrokkene is de eigenaar van de winkel.',
  ] },
  { code: 'C.4', weight: 8, summer: 1.1, hours: [8, 19], minorShare: 0, adultAge: [22, 70], nearHome: false, houseNumber: false, templates: [
    'Ik trof omstreeks {tijd} uur naast de afvalcontainers aan de {straat} een hoeveelheid bouwafval aan. Betrokkene werd aangetroffen bij het uitladen van een bestelbus.',
    'Ik zag omstreeks {tijd} uur dat betrokkene een tuinset en enkele zakken afval achterliet in de groenstrook langs de {straat}.',
  ] },
  { code: 'C.5', weight: 7, summer: 1.2, hours: [11, 22], minorShare: 0.12, adultAge: [16, 45], nearHome: false, houseNumber: false, templates: [
    'Ik zag omstreeks {tijd} uur dat betrokkene een blikje en een snackverpakking op straat gooide op de {straat}, terwijl er binnen tien meter een afvalbak stond.',
  ] },
  { code: 'A.12.2', weight: 6, summer: 1.3, minorShare: 0.3, hours: [16, 22], ...YOUTH, templates: [
    'Naar aanleiding van een melding van jeugdoverlast ter plaatse op de {straat}. Betrokkene maakte omstreeks {tijd} uur deel uit van een groep van ongeveer zes jongeren die de doorgang versperde en voorbijgangers uitschold. Na een waarschuwing bleef de groep staan.',
  ] },
  { code: 'A.15.1', weight: 2, summer: 0.8, minorShare: 0.2, hours: [17, 22], ...YOUTH, templates: [
    'Ik trof omstreeks {tijd} uur betrokkene aan in de portiek van een flat aan de {straat}. Betrokkene is geen bewoner en had geen redelijk doel; bewoners hadden eerder over overlast gemeld.',
  ] },
  { code: 'A.17.1', weight: 3, summer: 0.7, minorShare: 0.25, hours: [15, 22], ...YOUTH, templates: [
    'Ik trof omstreeks {tijd} uur betrokkene aan in het wachthuisje van de bushalte aan de {straat}, zonder redelijk doel en tot hinder van wachtende reizigers.',
    'Ik trof omstreeks {tijd} uur betrokkene aan in de fietsenstalling aan de {straat}, zonder redelijk doel. Gebruikers van de stalling werden gehinderd.',
  ] },
  { code: 'A.41a', weight: 4, summer: 1.4, minorShare: 0.2, hours: [18, 22], ...YOUTH, templates: [
    'Ik zag omstreeks {tijd} uur dat betrokkene op het bankje aan de {straat} lachgas inhaleerde uit een ballon. Ter plaatse lagen meerdere lege patronen.',
  ] },
  { code: 'A.41b', weight: 2, summer: 1.4, minorShare: 0.15, hours: [19, 22], ...YOUTH, templates: [
    'Ik zag omstreeks {tijd} uur dat betrokkene met enkele anderen lachgas uit ballonnen gebruikte op de parkeerplaats aan de {straat}. De groep schreeuwde en draaide harde muziek; omwonenden meldden overlast.',
  ] },
  { code: 'B.1', weight: 4, summer: 1.5, minorShare: 0.05, hours: [18, 22], adultAge: [17, 50], nearHome: false, houseNumber: true, templates: [
    'Naar aanleiding van een melding van geluidsoverlast hoorde ik omstreeks {tijd} uur op de {straat} harde muziek uit een geluidsbox van betrokkene. Ook op twintig meter afstand was de muziek duidelijk te horen.',
  ] },
  { code: 'A.18', weight: 2, summer: 1, minorShare: 0.08, hours: [10, 19], adultAge: [16, 60], nearHome: false, houseNumber: true, templates: [
    'Ik zag omstreeks {tijd} uur dat betrokkene een fiets tegen de gevel van een winkel aan de {straat} plaatste, waardoor de nooduitgang werd versperd.',
  ] },
  { code: 'A.34', weight: 1, summer: 2, minorShare: 0, hours: [9, 17], adultAge: [35, 75], nearHome: true, houseNumber: false, templates: [
    'Ik stelde vast dat een aanhangwagen langer dan de toegestane termijn op de {straat} geparkeerd stond; op drie opeenvolgende dagen gecontroleerd. Betrokkene is de houder.',
  ] },
  { code: 'A.6.2', weight: 1, summer: 1.2, minorShare: 0.1, hours: [9, 21], adultAge: [17, 40], nearHome: false, houseNumber: false, templates: [
    'Ik zag omstreeks {tijd} uur dat betrokkene affiches voor een feest aanplakte op een elektriciteitskast aan de {straat}, zonder toestemming van de eigenaar.',
  ] },
];

/** How much of the summer multiplier applies in each month (January = 0). */
export const SEASON_CURVE: readonly number[] = [0, 0, 0.2, 0.4, 0.7, 0.9, 1, 1, 0.7, 0.4, 0.1, 0];

/** Relative number of rapporten per month: more in summer (index 0 = January). */
export const MONTH_WEIGHT: readonly number[] = [0.8, 0.8, 0.95, 1.0, 1.1, 1.25, 1.3, 1.25, 1.1, 0.95, 0.85, 0.8];

/** Relative number of rapporten per weekday (index 1 = Monday … 7 = Sunday). */
export const WEEKDAY_WEIGHT: readonly number[] = [0, 0.9, 1, 1, 1, 1.2, 1.1, 0.6];

export const ID_DOCUMENTS: readonly string[] = ['rijbewijs', 'rijbewijs', 'identiteitskaart', 'identiteitskaart', 'paspoort'];

export const STATEMENTS: readonly string[] = [
  'Betrokkene verklaarde: "Ik wist niet dat dit niet mocht."',
  'Betrokkene verklaarde: "Het was maar heel even."',
  'Betrokkene verklaarde: "Iedereen doet het hier."',
  'Betrokkene verklaarde: "Ik had haast."',
  'Betrokkene verklaarde: "Het zal niet meer gebeuren."',
  'Betrokkene wenste geen verklaring af te leggen.',
  'Betrokkene wenste geen verklaring af te leggen.',
];

export const WITHDRAW_REASONS: readonly string[] = [
  'identiteit niet vastgesteld',
  'identiteit niet vastgesteld',
  'dubbel geregistreerd',
  'feit onvoldoende omschreven in het rapport',
  'verkeerde feitcode gekozen',
  'adres van betrokkene niet te achterhalen',
];

export const CANCEL_REASONS: readonly string[] = [
  'bezwaar gegrond: feit niet bewezen',
  'ambtshalve ingetrokken: verkeerde persoon beboet',
  'bezwaar gegrond: cautie niet in het rapport vermeld',
  'bezwaar gegrond: tijdstip in het rapport klopt niet met de camerabeelden',
];
/** Extra reasons that only fit the dog offences. */
export const DOG_CANCEL_REASONS: readonly string[] = ['bezwaar gegrond: betrokkene was niet de houder van de hond'];
export const isDogOffence = (code: string): boolean => /^(A\.24\.|A\.26$|B\.8\.)/.test(code);

/** The days a boa enters a paper rapport from two months before, and why it is issued late. */
export const LATE_RAPPORTS: ReadonlyArray<{ registeredOn: string; daysBefore: number }> = [
  { registeredOn: '2024-03-14', daysBefore: 61 },
  { registeredOn: '2024-09-19', daysBefore: 63 },
];
export const LATE_NOTE = 'Rapport tijdens een storing van de boa-app op papier opgemaakt en later ingevoerd.';
export const LATE_REASON = 'rapport tijdens een storing van de boa-app op papier opgemaakt en pas na acht weken ingevoerd';
