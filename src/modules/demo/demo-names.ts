/**
 * Word lists for the demo data: Zoetermeer's districts with street names and a postcode area,
 * other places offenders live, and given names and surnames of several origins. Everything is
 * invented or commonplace: the street lists are plausible for the district, not a geocoded
 * register, and no combination is meant to describe a real person.
 */

export interface District {
  name: string;
  /** The four-digit postcode areas used for addresses in this district (Zoetermeer: 2711–2729). */
  postcodes: readonly string[];
  streets: readonly string[];
  /** Relative share of the rapporten written here. */
  weight: number;
}

export const DISTRICTS: readonly District[] = [
  { name: 'Centrum', postcodes: ['2711'], weight: 16, streets: ['Stadhuisplein', 'Promenade', 'Markt', 'Europaweg', 'Engelandlaan', 'Denemarkenstraat', 'Frankrijklaan', 'Oranjelaan'] },
  { name: 'Dorp', postcodes: ['2712'], weight: 7, streets: ['Dorpsstraat', 'Voorweg', 'Stationsstraat', 'Kerkpad', 'Zuidweg', 'Dobbeweg', 'Nieuwe Weg'] },
  { name: 'Meerzicht', postcodes: ['2715', '2716'], weight: 11, streets: ['Amerikaweg', 'Australiëweg', 'Afrikaweg', 'Aziëweg', 'Meerzichtlaan', 'Kwekerijweg', 'Plaspoelweg'] },
  { name: 'Driemanspolder', postcodes: ['2713'], weight: 7, streets: ['Broekwegzijde', 'Van Leeuwenhoeklaan', 'Boerhaavelaan', 'Huygenshof', 'Lorentzplein', 'Zwaardslootseweg'] },
  { name: 'Palenstein', postcodes: ['2713'], weight: 9, streets: ['Leidsewallen', 'Palensteinselaan', 'Kastanjehof', 'Esdoornlaan', 'Schoutenlaan', 'Baljuwlaan'] },
  { name: 'Buytenwegh', postcodes: ['2717'], weight: 8, streets: ['Buytenweghlaan', 'Dwingelrode', 'Bijlwerffpark', 'Meidoornhof', 'Vlinderlaan', 'Roelofsplein'] },
  { name: 'De Leyens', postcodes: ['2718'], weight: 6, streets: ['Leyensplein', 'Dreeslaan', 'Heerenweg', 'Gasthuislaan', 'Ruyterplein', 'Laan van Leyens'] },
  { name: 'Seghwaert', postcodes: ['2724', '2727'], weight: 9, streets: ['Zegwaartseweg', 'Seghwaertseweg', 'Klompenmakerslaan', 'Kuipersweg', 'Smidsweg', 'Bakkersweg'] },
  { name: 'Noordhove', postcodes: ['2728'], weight: 6, streets: ['Noordhovenseweg', 'Plasoever', 'Muurbloemweg', 'Heidebloemlaan', 'Zonnebloemlaan'] },
  { name: 'Rokkeveen', postcodes: ['2722', '2725'], weight: 9, streets: ['Rokkeveenseweg', 'Beethovenlaan', 'Mozartstraat', 'Chopinlaan', 'Ravelstraat', 'Bachplein'] },
  { name: 'Oosterheem', postcodes: ['2719', '2726'], weight: 9, streets: ['Oosterheemplein', 'Oosterheemlaan', 'Eerste Stationsstraat', 'Kinderdijkstraat', 'Goudplevier', 'Kievietlaan'] },
  { name: 'Willem-Alexander', postcodes: ['2729'], weight: 3, streets: ['Willem-Alexanderlaan', 'Amaliaplein', 'Alexiastraat', 'Arianestraat', 'Oranjeboomlaan'] },
];

export const HOME_CITY = 'Zoetermeer';

/** Other Dutch places offenders come from, with the postcode areas they use. */
export const OTHER_PLACES: ReadonlyArray<readonly [city: string, postcodes: readonly string[], weight: number]> = [
  ['Den Haag', ['2511', '2513', '2521', '2531', '2545', '2572', '2593'], 30],
  ['Leidschendam', ['2262', '2264'], 8],
  ['Pijnacker', ['2641', '2643'], 7],
  ['Nootdorp', ['2631', '2632'], 5],
  ['Bleiswijk', ['2665', '2666'], 5],
  ['Benthuizen', ['2731'], 4],
  ['Gouda', ['2801', '2806', '2808'], 6],
  ['Rotterdam', ['3011', '3024', '3067', '3083'], 10],
  ['Leiden', ['2311', '2316', '2324'], 6],
  ['Delft', ['2611', '2622', '2624'], 6],
  ['Berkel en Rodenrijs', ['2651', '2652'], 4],
];

export const GENERIC_STREETS: readonly string[] = [
  'Hoofdstraat', 'Kerkstraat', 'Schoolstraat', 'Molenweg', 'Julianastraat', 'Beatrixlaan', 'Prins Hendrikstraat',
  'Wilhelminastraat', 'Emmastraat', 'Lindelaan', 'Eikenlaan', 'Parallelweg', 'Nieuwstraat', 'Vondellaan', 'Rembrandtstraat',
];

/** Addresses abroad: country code, city, a postcode pattern (# = digit) and streets. */
export const FOREIGN_PLACES: ReadonlyArray<{ country: string; city: string; postcode: string; streets: readonly string[] }> = [
  { country: 'PL', city: 'Wrocław', postcode: '50-###', streets: ['ul. Długa', 'ul. Polna', 'ul. Ogrodowa'] },
  { country: 'PL', city: 'Kraków', postcode: '31-###', streets: ['ul. Leśna', 'ul. Kościuszki', 'ul. Mickiewicza'] },
  { country: 'PL', city: 'Lublin', postcode: '20-###', streets: ['ul. Słoneczna', 'ul. Krótka', 'ul. Lipowa'] },
  { country: 'DE', city: 'Kleve', postcode: '47533', streets: ['Hauptstraße', 'Bahnhofstraße', 'Gartenstraße'] },
  { country: 'DE', city: 'Köln', postcode: '506##', streets: ['Schulstraße', 'Lindenweg', 'Bergstraße'] },
  { country: 'BE', city: 'Antwerpen', postcode: '20##', streets: ['Kerkstraat', 'Stationsstraat', 'Molenstraat'] },
];

export type Origin = 'nl' | 'tr' | 'ma' | 'pl' | 'sr';

/** How often each origin occurs among the demo offenders. */
export const ORIGINS: ReadonlyArray<readonly [Origin, number]> = [
  ['nl', 68],
  ['ma', 10],
  ['tr', 9],
  ['pl', 8],
  ['sr', 5],
];

interface NameList {
  male: readonly string[];
  female: readonly string[];
  /** Surnames; a pair gives the male and the female form (Polish -ski/-ska). */
  surnames: ReadonlyArray<string | readonly [string, string]>;
}

export const NAMES: Record<Origin, NameList> = {
  nl: {
    male: ['Jan', 'Pieter', 'Daan', 'Bram', 'Sem', 'Thijs', 'Luuk', 'Milan', 'Jesse', 'Kees', 'Henk', 'Ruud', 'Niels', 'Joost', 'Stefan', 'Mark', 'Dennis', 'Rick', 'Bas', 'Wouter', 'Gerrit', 'Martijn', 'Tim', 'Jeroen', 'Willem', 'Cornelis'],
    female: ['Sanne', 'Lotte', 'Anouk', 'Femke', 'Emma', 'Julia', 'Lisa', 'Ingrid', 'Marleen', 'Petra', 'Esther', 'Sophie', 'Iris', 'Eva', 'Noa', 'Fleur', 'Monique', 'Wilma', 'Kim', 'Romy', 'Linda', 'Annemieke', 'Johanna', 'Maria'],
    surnames: [
      'de Vries', 'Jansen', 'van den Berg', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'de Groot', 'Bos', 'Vos', 'Peters', 'Hendriks',
      'van Leeuwen', 'Dekker', 'Brouwer', 'de Wit', 'Dijkstra', 'van der Meer', 'van Dijk', 'Kok', 'Verhoeven', 'Koster', 'Prins', 'Vermeulen',
      'van der Linden', 'Kuipers', 'van Rijn', 'Zwart', 'Hoogendoorn', 'Verbeek', 'de Jong', 'van Wijk', 'Groenewegen', 'van der Hoeven', 'Hoogenboom', 'Koppenol',
    ],
  },
  tr: {
    male: ['Mehmet', 'Emre', 'Burak', 'Kerem', 'Mustafa', 'Hakan', 'Yusuf', 'Ömer', 'Can', 'Serkan'],
    female: ['Elif', 'Zeynep', 'Ayşe', 'Büşra', 'Merve', 'Esra', 'Fatma', 'Derya'],
    surnames: ['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Öztürk', 'Aydın', 'Arslan', 'Doğan', 'Koç', 'Kılıç', 'Yıldız'],
  },
  ma: {
    male: ['Mohamed', 'Yassin', 'Bilal', 'Ilias', 'Soufiane', 'Rayan', 'Anouar', 'Hamza', 'Karim', 'Adam', 'Nordin'],
    female: ['Fatima', 'Nadia', 'Imane', 'Samira', 'Yasmina', 'Hanan', 'Khadija', 'Salma', 'Naima'],
    surnames: ['El Amrani', 'Bouzid', 'Ait Taleb', 'El Idrissi', 'Benali', 'Azzouzi', 'Ouahabi', 'Boukhari', 'El Khattabi', 'Ziani', 'Haddou', 'Mansouri'],
  },
  pl: {
    male: ['Piotr', 'Tomasz', 'Marcin', 'Kamil', 'Paweł', 'Michał', 'Krzysztof', 'Łukasz', 'Grzegorz'],
    female: ['Katarzyna', 'Agnieszka', 'Magdalena', 'Joanna', 'Anna', 'Monika', 'Ewa'],
    surnames: [
      ['Kowalski', 'Kowalska'], 'Nowak', ['Wiśniewski', 'Wiśniewska'], 'Wójcik', ['Kamiński', 'Kamińska'], ['Lewandowski', 'Lewandowska'],
      ['Zieliński', 'Zielińska'], ['Szymański', 'Szymańska'], ['Dąbrowski', 'Dąbrowska'], 'Mazur', 'Krawczyk',
    ],
  },
  sr: {
    male: ['Ravi', 'Kishan', 'Dinesh', 'Glenn', 'Romano', 'Sergio', 'Jurgen'],
    female: ['Shanti', 'Anita', 'Sharda', 'Naomi', 'Priya', 'Gerda'],
    surnames: ['Ramdin', 'Sewnarain', 'Jagroep', 'Ramsaran', 'Pinas', 'Kromodimedjo', 'Biharie', 'Wijngaarde'],
  },
};

/** The demo staff: names only (the usernames follow `demo.<role>` / `demo.boa.N`). */
export const DEMO_STAFF = {
  boa: [
    { name: 'Demo-boa Sanne Verhoef', badgeNumber: 'BOA-ZM-101' },
    { name: 'Demo-boa Youssef Amrani', badgeNumber: 'BOA-ZM-102' },
    { name: 'Demo-boa Kees Hoogland', badgeNumber: 'BOA-ZM-103' },
  ],
  backoffice: 'Demo-backoffice Marieke de Lange',
  finance: 'Demo-financiën Ruben Kramer',
  evaluator: 'Demo-evaluator Lieke Brand',
  admin: 'Demo-beheerder Arjen Post',
} as const;
