import { Random } from './random';

/**
 * The text the generated rows are made of, built deterministically from the seed:
 * titles, paragraphs, names, places. Words follow Zipf's law over a vocabulary of real
 * domain words, common English words and a long tail of made-up words, so full-text
 * search meets both very common terms ("model", "shoot") and rare ones, like on a
 * real marketplace. The pools are loaded into temporary tables and the SQL picks from
 * them by hash.
 */

const DOMAIN = `model models modelling runway catwalk fashion editorial commercial print campaign shoot photo photographer
photography studio lighting makeup artist stylist styling hair wardrobe fitting casting agency agent booking booker portfolio
lookbook catalogue beauty fitness sportswear swimwear lingerie streetwear couture designer brand label collection season spring
summer autumn winter show week event promotion promoter hostess trade fair exhibition video videographer director producer
production crew assistant retouching retoucher post editing colour grading content creator influencer social media reel
tiktok instagram youtube ugc advert advertising television film extra background actor actress voice voiceover presenter
host dancer dance choreographer music musician singer band dj performer stage theatre acting audition rehearsal contract
rate fee day hourly budget paid travel expenses accommodation location outdoor indoor rooftop beach city urban nature
mountain lake garden warehouse loft gallery hotel restaurant bar club venue wedding portrait headshot family newborn
product packshot ecommerce still life food jewellery watch eyewear shoes bags accessories cosmetics skincare fragrance
luxury premium sustainable vintage classic modern minimal bold colourful monochrome natural glamour elegant edgy playful
experienced professional beginner newcomer talent talents scout scouting measurements height comp card polaroids digitals
tattoo hands feet parts mature plus size petite tall athletic curvy diverse inclusive`.split(/\s+/);

const COMMON = `the and for with from into over under after before during between about against without within along
across behind beyond great good new first last long little own other old right big high different small large next early
young important few public bad same able work team project client service quality time year people way day man woman
child world life hand part place case week company system program question government number night point home water
room mother area money story fact month lot study book eye job word business issue side kind head house friend father
power hour game line end member law car name president team minute idea kid body information back parent face others
level office door health person art war history party result change morning reason research girl guy moment air
teacher force education need make help start look find give tell call try ask show play move live believe bring happen
write provide sit stand lose pay meet include continue set learn lead understand watch follow stop create speak read
spend grow open walk win offer remember love consider appear buy wait serve die send expect build stay fall cut reach`.split(/\s+/);

const SYLLABLES = 'ka lo mi re tu va ne si po ra le zu ti mo fe da gi ru na be sa ko li vo me ta ni pa ze ro'.split(' ');

export const CITIES: readonly [city: string, country: string, lat: number, lng: number, tz: string][] = [
  ['Vienna', 'AT', 48.2082, 16.3738, 'Europe/Vienna'],
  ['Salzburg', 'AT', 47.8095, 13.055, 'Europe/Vienna'],
  ['Berlin', 'DE', 52.52, 13.405, 'Europe/Berlin'],
  ['Munich', 'DE', 48.1351, 11.582, 'Europe/Berlin'],
  ['Hamburg', 'DE', 53.5511, 9.9937, 'Europe/Berlin'],
  ['Zurich', 'CH', 47.3769, 8.5417, 'Europe/Zurich'],
  ['Paris', 'FR', 48.8566, 2.3522, 'Europe/Paris'],
  ['Lyon', 'FR', 45.764, 4.8357, 'Europe/Paris'],
  ['Milan', 'IT', 45.4642, 9.19, 'Europe/Rome'],
  ['Rome', 'IT', 41.9028, 12.4964, 'Europe/Rome'],
  ['Madrid', 'ES', 40.4168, -3.7038, 'Europe/Madrid'],
  ['Barcelona', 'ES', 41.3874, 2.1686, 'Europe/Madrid'],
  ['Lisbon', 'PT', 38.7223, -9.1393, 'Europe/Lisbon'],
  ['London', 'GB', 51.5072, -0.1276, 'Europe/London'],
  ['Manchester', 'GB', 53.4808, -2.2426, 'Europe/London'],
  ['Dublin', 'IE', 53.3498, -6.2603, 'Europe/Dublin'],
  ['Amsterdam', 'NL', 52.3676, 4.9041, 'Europe/Amsterdam'],
  ['Brussels', 'BE', 50.8503, 4.3517, 'Europe/Brussels'],
  ['Copenhagen', 'DK', 55.6761, 12.5683, 'Europe/Copenhagen'],
  ['Stockholm', 'SE', 59.3293, 18.0686, 'Europe/Stockholm'],
  ['Oslo', 'NO', 59.9139, 10.7522, 'Europe/Oslo'],
  ['Warsaw', 'PL', 52.2297, 21.0122, 'Europe/Warsaw'],
  ['Prague', 'CZ', 50.0755, 14.4378, 'Europe/Prague'],
  ['Budapest', 'HU', 47.4979, 19.0402, 'Europe/Budapest'],
  ['Athens', 'GR', 37.9838, 23.7275, 'Europe/Athens'],
  ['Istanbul', 'TR', 41.0082, 28.9784, 'Europe/Istanbul'],
  ['New York', 'US', 40.7128, -74.006, 'America/New_York'],
  ['Los Angeles', 'US', 34.0522, -118.2437, 'America/Los_Angeles'],
  ['Chicago', 'US', 41.8781, -87.6298, 'America/Chicago'],
  ['Miami', 'US', 25.7617, -80.1918, 'America/New_York'],
  ['Toronto', 'CA', 43.6532, -79.3832, 'America/Toronto'],
  ['Mexico City', 'MX', 19.4326, -99.1332, 'America/Mexico_City'],
  ['Sao Paulo', 'BR', -23.5505, -46.6333, 'America/Sao_Paulo'],
  ['Buenos Aires', 'AR', -34.6037, -58.3816, 'America/Argentina/Buenos_Aires'],
  ['Cape Town', 'ZA', -33.9249, 18.4241, 'Africa/Johannesburg'],
  ['Dubai', 'AE', 25.2048, 55.2708, 'Asia/Dubai'],
  ['Mumbai', 'IN', 19.076, 72.8777, 'Asia/Kolkata'],
  ['Singapore', 'SG', 1.3521, 103.8198, 'Asia/Singapore'],
  ['Tokyo', 'JP', 35.6762, 139.6503, 'Asia/Tokyo'],
  ['Seoul', 'KR', 37.5665, 126.978, 'Asia/Seoul'],
  ['Sydney', 'AU', -33.8688, 151.2093, 'Australia/Sydney'],
  ['Lord Howe Island', 'AU', -31.5553, 159.0821, 'Australia/Lord_Howe'],
];

const FIRST = `Anna Mia Leo Lena Max Sofia Noah Emma Luca Lara Finn Ella Paul Marie Jonas Nina Elias Laura Ben Clara Felix Hannah
David Sarah Tom Julia Jan Lisa Tim Eva Lukas Amelie Jakob Zoe Moritz Ida Oskar Maja Anton Lea Henri Mila Karl Rosa Theo Ava
Omar Aisha Yuki Kenji Priya Arjun Chen Wei Olga Ivan Fatima Ali Sven Ingrid Pablo Lucia Mateo Valentina Kofi Amara Liam
Olivia Ethan Chloe Mason Grace Lucas Nora Hugo Alice Arthur Louise Jules Camille Enzo Ines Marco Giulia Pietro Chiara`.split(/\s+/);

const LAST = `Gruber Huber Bauer Wagner Mueller Pichler Steiner Moser Mayer Hofer Leitner Berger Fuchs Eder Fischer Schmid Winkler
Weber Schwarz Maier Schneider Reiter Mayr Schmidt Wimmer Egger Brunner Lang Baumgartner Auer Binder Lechner Wolf Wallner
Aigner Ebner Koller Lehner Haas Schuster Smith Jones Brown Taylor Wilson Davies Evans Thomas Johnson Roberts Martin Bernard
Dubois Durand Leroy Moreau Rossi Russo Ferrari Esposito Bianchi Romano Garcia Fernandez Lopez Martinez Sanchez Perez Silva
Santos Costa Pereira Novak Kowalski Nowak Horvat Kovacs Nagy Tanaka Suzuki Sato Kim Lee Park Wang Li Zhang Patel Shah`.split(/\s+/);

const ROLES = [
  'model',
  'photographer',
  'stylist',
  'makeup artist',
  'hair stylist',
  'videographer',
  'retoucher',
  'casting director',
  'art director',
  'creative director',
  'producer',
  'booker',
  'agent',
  'dancer',
  'actor',
  'presenter',
  'content creator',
  'fitness model',
  'runway model',
  'commercial model',
  'set designer',
  'lighting technician',
  'assistant',
  'editor',
];

const PROJECTS = [
  'fashion week',
  'spring campaign',
  'summer lookbook',
  'editorial shoot',
  'product launch',
  'music video',
  'TV commercial',
  'catalogue shoot',
  'trade fair',
  'brand event',
  'beauty campaign',
  'sportswear shoot',
  'wedding shoot',
  'social media campaign',
  'short film',
  'e-commerce shoot',
  'runway show',
  'magazine cover',
  'jewellery campaign',
  'hotel opening',
];

const ADJECTIVES = [
  'Experienced',
  'Creative',
  'Professional',
  'Young',
  'Versatile',
  'Talented',
  'Reliable',
  'Energetic',
  'Elegant',
  'Bold',
  'Natural',
  'Friendly',
  'Skilled',
  'Confident',
  'Freelance',
  'Local',
  'International',
  'Senior',
  'Junior',
];

const CONTENT_OPENERS = [
  'How to prepare for',
  'A guide to',
  'Behind the scenes of',
  'Ten tips for',
  'What we learned from',
  'Inside',
  'The future of',
  'Why clients love',
  'Portfolio:',
  'Case study:',
  'Interview:',
  'Checklist for',
  'Notes on',
];

export interface Pools {
  paragraphs: string[];
  sentences: string[];
  listingTitles: string[];
  contentTitles: { title: string; slug: string }[];
  firstNames: string[];
  lastNames: string[];
  tags: string[];
  roles: string[];
  cities: typeof CITIES;
}

function pseudoWords(random: Random, n: number): string[] {
  const seen = new Set<string>();
  while (seen.size < n) {
    const parts = 2 + random.int(3);
    let word = '';
    for (let i = 0; i < parts; i++) word += random.pick(SYLLABLES);
    if (word.length >= 5) seen.add(word + random.pick(['', 'n', 'r', 's', 'l', 'x']));
  }
  return [...seen];
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
export const slugify = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120);

/** Every pool, from the seed. Sizes are powers of two so SQL can pick with a mask. */
export function buildPools(seed: number): Pools {
  const random = new Random(seed);
  // Ranks: domain and common words first (shuffled among themselves), then the made-up tail.
  const vocabulary = [...random.shuffle([...new Set([...DOMAIN, ...COMMON])]), ...pseudoWords(random, 4000)];
  const word = () => vocabulary[random.zipf(vocabulary.length)]!;
  const sentence = () => {
    const words = Array.from({ length: 6 + random.int(11) }, word);
    return `${capitalise(words.join(' '))}.`;
  };
  const sentences = Array.from({ length: 4096 }, sentence);
  const paragraphs = Array.from({ length: 4096 }, () => Array.from({ length: 3 + random.int(4) }, () => random.pick(sentences)).join(' '));
  const city = () => random.pick(CITIES)[0];
  const listingTitles = Array.from({ length: 4096 }, () => {
    const role = random.pick(ROLES);
    switch (random.int(4)) {
      case 0:
        return `${random.pick(ADJECTIVES)} ${role} for ${random.pick(PROJECTS)} in ${city()}`;
      case 1:
        return `${capitalise(role)} wanted: ${random.pick(PROJECTS)} (${word()} ${word()})`;
      case 2:
        return `${capitalise(random.pick(PROJECTS))} needs a ${role}`;
      default:
        return `${random.pick(ADJECTIVES)} ${role} available for ${random.pick(PROJECTS)}`;
    }
  });
  const contentTitles = Array.from({ length: 4096 }, () => {
    const title = `${random.pick(CONTENT_OPENERS)} ${random.pick(PROJECTS)}: ${word()} ${word()} and ${word()}`;
    return { title, slug: slugify(title) };
  });
  const tags = [...new Set(Array.from({ length: 600 }, () => slugify(vocabulary[random.zipf(400)]!)).filter(Boolean))].slice(0, 256);
  while (tags.length < 256) tags.push(`tag-${tags.length}`);
  return { paragraphs, sentences, listingTitles, contentTitles, firstNames: FIRST, lastNames: LAST, tags, roles: ROLES, cities: CITIES };
}
