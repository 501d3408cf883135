package briefing

import "strings"

// orgHeads are nouns that end the name of an organisation or office,
// lower case: "Russian Foreign Ministry", "the commission", "the Kremlin".
var orgHeads = wordSet(
	"ministry", "office", "department", "commission", "council", "committee",
	"agency", "union", "party", "campaign", "institute", "institution",
	"center", "centre", "foundation", "bank", "fund", "court", "police",
	"army", "navy", "military", "administration", "government", "parliament",
	"congress", "senate", "house", "assembly", "cabinet", "secretariat",
	"organization", "organisation", "association", "federation", "group",
	"corporation", "company", "inc.", "corp.", "ltd.", "co.", "co", "inc", "corp",
	"ltd", "llc", "plc", "gmbh", "ag", "s.a.", "n.v.", "bhd", "university", "college",
	"authority", "authorities", "board", "bureau", "embassy", "consulate",
	"mission", "delegation", "alliance", "coalition", "movement", "front",
	"tribunal", "kremlin", "pentagon", "presidency", "palace", "service",
	"services", "force", "forces", "guard", "directorate", "regime", "junta",
	"network", "newspaper", "agency", "channel", "broadcaster", "outlet",
	"magazine", "journal", "times", "post", "news", "press", "television",
	"radio", "daily", "herald", "tribune", "gazette", "telegraph", "guardian",
	"observer", "review", "monitor", "watch", "team", "staff", "panel",
	"caucus", "legislature", "state department", "foreign office", "cartel",
	"consortium", "firm", "club", "society", "league", "chamber", "bloc",
	"ministries", "spokesperson's office", "diet", "duma", "knesset",
	"majlis", "politburo", "secretariat", "commissariat", "prefecture",
	"municipality", "city hall", "hall", "command", "headquarters", "hq",
	"unit", "brigade", "battalion", "division", "corps", "sector", "branch",
	"coalition", "union", "commons", "lords", "cabinet office", "treasury",
	"exchequer", "reserve", "fed", "opec", "opec+", "eu", "nato",
	"imf", "wto", "iaea", "asean", "sco", "g7", "g20", "brics", "fbi",
	"cia", "nsa", "dhs", "doj", "ecb", "unhcr", "unicef", "unesco", "oecd",
	"osce", "ecowas", "hamas", "hezbollah", "taliban", "isis", "isil",
	"al-qaeda", "white house", "elysee", "élysée", "quai", "downing",
	"zhongnanhai", "blue house", "foreign ministry", "interior ministry",
	"statement", "ministry's", "office's",
)

// institutionNouns are lower-case nouns that, with "the", stand for an
// organisation or office as a speaker: "the ministry said", "the
// government said", "the campaign said".
var institutionNouns = wordSet(
	"ministry", "office", "department", "commission", "council", "committee",
	"agency", "government", "administration", "campaign", "embassy",
	"consulate", "mission", "delegation", "police", "army", "military",
	"kremlin", "pentagon", "presidency", "palace", "secretariat", "authority",
	"authorities", "cartel", "group", "organization", "organisation", "party",
	"union", "bloc", "alliance", "coalition", "court", "tribunal", "parliament",
	"senate", "congress", "board", "bureau", "regime", "junta", "company",
	"firm", "bank", "fund", "institute", "foundation", "association",
	"federation", "league", "movement", "network", "newspaper", "magazine",
	"channel", "broadcaster", "outlet", "service", "directorate", "cabinet",
	"command", "headquarters", "club", "team", "panel", "caucus",
	"legislature", "municipality", "prefecture", "ministries", "statement",
	"communique", "communiqué", "report", "letter", "memo", "release",
)

// documentNouns name texts that "say" things: "the statement said", "the
// letter reads". Their speaker is whoever issued them.
var documentNouns = wordSet(
	"statement", "communique", "communiqué", "report", "letter", "memo",
	"release", "declaration", "document", "note", "notice", "post", "tweet",
	"message", "email", "e-mail", "text", "ad", "advertisement", "video",
	"filing", "complaint", "ruling", "verdict", "order", "decree", "resolution",
	"study", "survey", "poll", "analysis", "paper", "article", "editorial",
	"column", "transcript", "readout", "summary", "website", "blog",
)

// countryDemonyms maps country and territory names, lower case, to their
// demonym, so that "the Foreign Ministry" of an article about Iceland can be
// named "Icelandic Foreign Ministry". The demonyms are also place words
// that never start a person's name.
var countryDemonyms = map[string]string{
	"afghanistan": "Afghan", "albania": "Albanian", "algeria": "Algerian",
	"andorra": "Andorran", "angola": "Angolan", "argentina": "Argentine",
	"armenia": "Armenian", "australia": "Australian", "austria": "Austrian",
	"azerbaijan": "Azerbaijani", "bahamas": "Bahamian", "bahrain": "Bahraini",
	"bangladesh": "Bangladeshi", "barbados": "Barbadian", "belarus": "Belarusian",
	"belgium": "Belgian", "belize": "Belizean", "benin": "Beninese",
	"bhutan": "Bhutanese", "bolivia": "Bolivian", "bosnia": "Bosnian",
	"botswana": "Botswanan", "brazil": "Brazilian", "brunei": "Bruneian",
	"bulgaria": "Bulgarian", "burkina faso": "Burkinabe", "burundi": "Burundian",
	"cambodia": "Cambodian", "cameroon": "Cameroonian", "canada": "Canadian",
	"chad": "Chadian", "chile": "Chilean", "china": "Chinese",
	"colombia": "Colombian", "comoros": "Comoran", "congo": "Congolese",
	"costa rica": "Costa Rican", "croatia": "Croatian", "cuba": "Cuban",
	"cyprus": "Cypriot", "czech republic": "Czech", "czechia": "Czech",
	"denmark": "Danish", "djibouti": "Djiboutian", "dominican republic": "Dominican",
	"ecuador": "Ecuadorian", "egypt": "Egyptian", "el salvador": "Salvadoran",
	"eritrea": "Eritrean", "estonia": "Estonian", "eswatini": "Swazi",
	"ethiopia": "Ethiopian", "fiji": "Fijian", "finland": "Finnish",
	"france": "French", "gabon": "Gabonese", "gambia": "Gambian",
	"georgia": "Georgian", "germany": "German", "ghana": "Ghanaian",
	"greece": "Greek", "guatemala": "Guatemalan", "guinea": "Guinean",
	"guyana": "Guyanese", "haiti": "Haitian", "honduras": "Honduran",
	"hungary": "Hungarian", "iceland": "Icelandic", "india": "Indian",
	"indonesia": "Indonesian", "iran": "Iranian", "iraq": "Iraqi",
	"ireland": "Irish", "israel": "Israeli", "italy": "Italian",
	"ivory coast": "Ivorian", "jamaica": "Jamaican", "japan": "Japanese",
	"jordan": "Jordanian", "kazakhstan": "Kazakh", "kenya": "Kenyan",
	"kosovo": "Kosovar", "kuwait": "Kuwaiti", "kyrgyzstan": "Kyrgyz",
	"laos": "Lao", "latvia": "Latvian", "lebanon": "Lebanese",
	"lesotho": "Basotho", "liberia": "Liberian", "libya": "Libyan",
	"liechtenstein": "Liechtenstein", "lithuania": "Lithuanian",
	"luxembourg": "Luxembourgish", "madagascar": "Malagasy", "malawi": "Malawian",
	"malaysia": "Malaysian", "maldives": "Maldivian", "mali": "Malian",
	"malta": "Maltese", "mauritania": "Mauritanian", "mauritius": "Mauritian",
	"mexico": "Mexican", "moldova": "Moldovan", "monaco": "Monegasque",
	"mongolia": "Mongolian", "montenegro": "Montenegrin", "morocco": "Moroccan",
	"mozambique": "Mozambican", "myanmar": "Myanmar", "burma": "Burmese",
	"namibia": "Namibian", "nepal": "Nepali", "netherlands": "Dutch",
	"new zealand": "New Zealand", "nicaragua": "Nicaraguan", "niger": "Nigerien",
	"nigeria": "Nigerian", "north korea": "North Korean",
	"north macedonia": "North Macedonian", "norway": "Norwegian", "oman": "Omani",
	"pakistan": "Pakistani", "palestine": "Palestinian", "panama": "Panamanian",
	"papua new guinea": "Papua New Guinean", "paraguay": "Paraguayan",
	"peru": "Peruvian", "philippines": "Philippine", "poland": "Polish",
	"portugal": "Portuguese", "qatar": "Qatari", "romania": "Romanian",
	"russia": "Russian", "rwanda": "Rwandan", "saudi arabia": "Saudi",
	"senegal": "Senegalese", "serbia": "Serbian", "seychelles": "Seychellois",
	"sierra leone": "Sierra Leonean", "singapore": "Singaporean",
	"slovakia": "Slovak", "slovenia": "Slovenian", "somalia": "Somali",
	"south africa": "South African", "south korea": "South Korean",
	"korea": "Korean", "south sudan": "South Sudanese", "spain": "Spanish",
	"sri lanka": "Sri Lankan", "sudan": "Sudanese", "suriname": "Surinamese",
	"sweden": "Swedish", "switzerland": "Swiss", "syria": "Syrian",
	"taiwan": "Taiwanese", "tajikistan": "Tajik", "tanzania": "Tanzanian",
	"thailand": "Thai", "togo": "Togolese", "tonga": "Tongan",
	"trinidad": "Trinidadian", "tunisia": "Tunisian", "turkey": "Turkish",
	"türkiye": "Turkish", "turkmenistan": "Turkmen", "uganda": "Ugandan",
	"ukraine": "Ukrainian", "united arab emirates": "Emirati", "uae": "Emirati",
	"united kingdom": "British", "uk": "British", "u.k.": "British",
	"britain": "British", "great britain": "British", "england": "English",
	"scotland": "Scottish", "wales": "Welsh", "united states": "U.S.",
	"u.s.": "U.S.", "usa": "U.S.", "america": "American",
	"uruguay": "Uruguayan", "uzbekistan": "Uzbek", "vatican": "Vatican",
	"venezuela": "Venezuelan", "vietnam": "Vietnamese", "viet nam": "Vietnamese",
	"yemen": "Yemeni", "zambia": "Zambian", "zimbabwe": "Zimbabwean",
	"european union": "EU", "eu": "EU", "gaza": "Gazan", "west bank": "Palestinian",
	"crimea": "Crimean", "hong kong": "Hong Kong", "macau": "Macanese",
	"greenland": "Greenlandic", "tibet": "Tibetan", "chechnya": "Chechen",
	"kurdistan": "Kurdish", "catalonia": "Catalan", "quebec": "Quebecois",
	"bavaria": "Bavarian", "flanders": "Flemish",
}

// placeWords are other capitalised place words that never start or end a
// person's name: capitals and large cities often in diplomatic news,
// regions, and the US states (for "Senator X of Arizona").
var placeWords = wordSet(
	"moscow", "washington", "beijing", "brussels", "london", "paris", "berlin",
	"tokyo", "seoul", "pyongyang", "new delhi", "delhi", "islamabad", "kabul",
	"tehran", "jerusalem", "tel aviv", "ramallah", "kyiv", "kiev", "minsk",
	"warsaw", "prague", "vienna", "budapest", "bucharest", "sofia", "athens",
	"rome", "madrid", "lisbon", "dublin", "edinburgh", "amsterdam", "the hague",
	"luxembourg", "copenhagen", "stockholm", "oslo", "helsinki", "reykjavik",
	"tallinn", "riga", "vilnius", "ankara", "istanbul", "baghdad", "damascus",
	"beirut", "amman", "cairo", "riyadh", "doha", "abu dhabi", "dubai",
	"muscat", "sanaa", "tripoli", "tunis", "algiers", "rabat", "khartoum",
	"addis ababa", "nairobi", "kampala", "kigali", "dar es salaam", "lagos",
	"abuja", "accra", "dakar", "kinshasa", "brazzaville", "luanda",
	"johannesburg", "pretoria", "cape town", "harare", "lusaka", "canberra",
	"sydney", "melbourne", "adelaide", "wellington", "jakarta", "manila",
	"bangkok", "hanoi", "phnom penh", "vientiane", "kuala lumpur", "singapore",
	"naypyidaw", "yangon", "dhaka", "kathmandu", "colombo", "male", "tashkent",
	"astana", "almaty", "bishkek", "dushanbe", "ashgabat", "baku", "tbilisi",
	"yerevan", "chisinau", "belgrade", "zagreb", "ljubljana", "sarajevo",
	"skopje", "tirana", "podgorica", "pristina", "ottawa", "toronto",
	"montreal", "vancouver", "mexico city", "havana", "caracas", "bogota",
	"lima", "quito", "santiago", "buenos aires", "montevideo", "asuncion",
	"brasilia", "rio de janeiro", "sao paulo", "la paz", "new york", "chicago",
	"los angeles", "san francisco", "boston", "philadelphia", "miami",
	"atlanta", "houston", "dallas", "detroit", "denver", "seattle", "geneva",
	"davos", "strasbourg", "frankfurt", "munich", "hamburg", "milan", "naples",
	"barcelona", "marseille", "lyon", "glasgow", "manchester", "belfast",
	"shanghai", "hong kong", "taipei", "osaka", "kyoto", "busan", "mumbai",
	"kolkata", "chennai", "bangalore", "karachi", "lahore", "goa", "samarkand",
	"vladivostok", "st. petersburg", "petersburg", "sochi", "kazan", "odessa",
	"kharkiv", "donetsk", "luhansk", "mariupol", "aleppo", "idlib", "mosul",
	"basra", "kandahar", "herat", "gaza", "rafah", "khan younis",
	"europe", "asia", "africa", "americas", "arctic", "antarctica", "oceania",
	"middle east", "latin america", "north america", "south america",
	"southeast asia", "central asia", "east asia", "south asia", "balkans",
	"caucasus", "sahel", "maghreb", "gulf", "pacific", "atlantic",
	"mediterranean", "baltic", "scandinavia", "siberia", "kashmir",
	"alabama", "alaska", "arizona", "arkansas", "california", "colorado",
	"connecticut", "delaware", "florida", "hawaii", "idaho", "illinois",
	"indiana", "iowa", "kansas", "kentucky", "louisiana", "maine", "maryland",
	"massachusetts", "michigan", "minnesota", "mississippi", "missouri",
	"montana", "nebraska", "nevada", "new hampshire", "new jersey",
	"new mexico", "north carolina", "north dakota", "ohio", "oklahoma",
	"oregon", "pennsylvania", "rhode island", "south carolina", "south dakota",
	"tennessee", "texas", "utah", "vermont", "virginia", "west virginia",
	"wisconsin", "wyoming", "d.c.", "n.c.", "n.y.", "calif.", "fla.", "va.",
	"ga.", "ill.", "mass.", "mich.", "ohio", "tex.", "pa.", "md.", "conn.",
	"ariz.", "colo.", "tenn.", "ky.", "la.", "wis.", "minn.", "mo.", "ala.",
	"okla.", "ore.", "wash.", "nev.", "n.j.", "n.h.", "n.m.", "s.c.",
)

// demonyms maps lower-case demonyms ("russian") to themselves capitalised,
// built from countryDemonyms.
var demonyms = buildDemonyms()

func buildDemonyms() map[string]string {
	m := make(map[string]string, len(countryDemonyms)+16)
	for _, d := range countryDemonyms {
		m[strings.ToLower(d)] = d
	}
	for _, d := range []string{"Arab", "Kurdish", "Persian", "Palestinian",
		"Western", "Eastern", "European", "Asian", "African", "Arab", "Latin",
		"Nordic", "Baltic", "Balkan", "Gulf", "Pacific", "Atlantic", "Soviet",
		"Sunni", "Shiite", "Shia", "Jewish", "Muslim", "Christian", "Catholic",
		"Sikh", "Hindu", "Buddhist", "Saudi", "Emirati", "Yankee", "Mercosur"} {
		m[strings.ToLower(d)] = d
	}
	return m
}

// isPlaceWord reports whether the lower-case word names a country, a
// demonym or a place.
func isPlaceWord(w string) bool {
	if _, ok := countryDemonyms[w]; ok {
		return true
	}
	if _, ok := demonyms[w]; ok {
		return true
	}
	return placeWords[w]
}

// capitalStops are words that are capitalised at the start of a sentence or
// as calendar names but never belong to a person's name.
var capitalStops = wordSet(
	"the", "a", "an", "but", "and", "or", "nor", "so", "yet", "in", "on", "at",
	"to", "of", "for", "with", "from", "by", "about", "after", "before",
	"during", "since", "until", "while", "when", "where", "why", "how", "what",
	"which", "who", "whom", "whose", "that", "this", "these", "those", "there",
	"here", "he", "she", "it", "they", "we", "i", "you", "his", "her", "its",
	"their", "our", "my", "your", "him", "them", "us", "me", "if", "as",
	"although", "though", "because", "also", "however", "still", "then",
	"meanwhile", "earlier", "later", "last", "next", "both", "neither",
	"either", "not", "no", "yes", "many", "some", "all", "most", "every",
	"each", "several", "one", "two", "three", "four", "five", "six", "seven",
	"eight", "nine", "ten", "according", "speaking", "asked", "under", "over",
	"among", "between", "against", "despite", "instead", "now", "today",
	"tonight", "yesterday", "tomorrow", "monday", "tuesday", "wednesday",
	"thursday", "friday", "saturday", "sunday", "january", "february", "march",
	"april", "may", "june", "july", "august", "september", "october",
	"november", "december", "jan.", "feb.", "mar.", "apr.", "jun.", "jul.",
	"aug.", "sep.", "sept.", "oct.", "nov.", "dec.", "photo", "reuters",
	"ap", "afp", "related", "read", "more", "watch", "see", "click", "note",
	"editor's", "update", "updated", "breaking", "exclusive", "analysis",
	"opinion", "comment", "live", "video", "such", "other", "another", "any",
	"only", "just", "even", "even", "indeed", "thus", "hence", "therefore",
	"perhaps", "maybe", "so-called", "would-be", "ms", "mr", "do", "does",
	"did", "is", "are", "was", "were", "be", "been", "has", "have", "had",
	"will", "would", "can", "could", "should", "shall", "might", "must",
	"let", "let's", "please", "thank", "thanks", "dear", "oh", "well",
	"first", "second", "third", "finally", "again", "once", "never", "always",
	"ahead", "amid", "around", "across", "through", "throughout", "within",
	"without", "upon", "onto", "into", "toward", "towards", "via", "per",
	"like", "unlike", "than", "whether", "unless", "whereas", "sir",
	"covid-19", "covid", "coronavirus", "internet", "twitter", "facebook",
	"instagram", "youtube", "tiktok", "x", "god", "allah", "christmas",
	"easter", "ramadan", "eid", "diwali", "thanksgiving", "election", "day",
	"night", "morning", "evening", "afternoon", "week", "month", "year",
	"spring", "summer", "autumn", "fall", "winter", "today's", "here's",
	"what's", "that's", "it's", "there's", "he's", "she's", "they're",
	"we're", "i'm", "don't", "doesn't", "didn't", "isn't", "aren't", "wasn't",
	"weren't", "won't", "can't", "couldn't", "shouldn't", "wouldn't",
)
