package briefing

import "strings"

// gender is what the text tells us about a person's grammatical gender:
// from an honorific ("Mrs."), a gendered role noun ("spokeswoman") or the
// pronouns the article uses for them.
type gender uint8

const (
	genderUnknown gender = iota
	genderMale
	genderFemale
)

// titleHeads are the words that end a title written before a name
// ("Foreign Minister", "Chief Cabinet Secretary", "Rep.", "Mrs."), lower
// case, with the gender they imply. A title head only counts as one when a
// name follows it, so surnames such as King stay names.
var titleHeads = map[string]gender{
	"mr": genderMale, "mr.": genderMale, "mrs": genderFemale, "mrs.": genderFemale,
	"ms": genderFemale, "ms.": genderFemale, "miss": genderFemale, "mx.": genderUnknown,
	"dr": 0, "dr.": 0, "prof": 0, "prof.": 0, "professor": 0,
	"sir": genderMale, "dame": genderFemale, "lord": genderMale, "lady": genderFemale,
	"president": 0, "president-elect": 0, "vice-president": 0, "premier": 0,
	"minister": 0, "secretary": 0, "secretary-general": 0, "undersecretary": 0,
	"chancellor": 0, "senator": 0, "sen.": 0, "sen": 0, "representative": 0,
	"rep.": 0, "rep": 0, "congressman": genderMale, "congresswoman": genderFemale,
	"governor": 0, "gov.": 0, "gov": 0, "mayor": 0, "speaker": 0,
	"chairman": 0, "chairwoman": genderFemale, "chairperson": 0, "chair": 0,
	"ambassador": 0, "envoy": 0, "commissioner": 0, "director": 0,
	"director-general": 0, "adviser": 0, "advisor": 0, "counselor": 0,
	"spokesman": genderMale, "spokeswoman": genderFemale, "spokesperson": 0,
	"general": 0, "gen.": 0, "gen": 0, "admiral": 0, "adm.": 0, "colonel": 0,
	"col.": 0, "captain": 0, "capt.": 0, "maj.": 0, "major": 0, "lt.": 0,
	"lieutenant": 0, "sgt.": 0, "sergeant": 0, "commander": 0, "cmdr.": 0,
	"marshal": 0, "king": genderMale, "queen": genderFemale, "prince": genderMale,
	"princess": genderFemale, "emir": genderMale, "sultan": genderMale,
	"sheikh": genderMale, "ayatollah": genderMale, "pope": genderMale,
	"cardinal": genderMale, "archbishop": 0, "bishop": 0, "rabbi": 0, "imam": 0,
	"rev.": 0, "reverend": 0, "justice": 0, "judge": 0, "attorney": 0,
	"prosecutor": 0, "chief": 0, "leader": 0, "whip": 0, "delegate": 0,
	"officer": 0, "detective": 0, "sheriff": 0, "superintendent": 0,
	"councilman": genderMale, "councilwoman": genderFemale, "councillor": 0,
	"councilor": 0, "treasurer": 0, "comptroller": 0, "coach": 0, "sec.": 0,
	"supt.": 0, "insp.": 0, "inspector": 0, "assemblyman": genderMale,
	"assemblywoman": genderFemale, "lawmaker": 0, "mp": 0, "mep": 0, "dean": 0,
	"ceo": 0, "chieftain": 0, "rapporteur": 0, "negotiator": 0, "mediator": 0,
	"coordinator": 0, "chargé": 0, "consul": 0, "consul-general": 0, "del.": 0,
	"manager": 0, "executive": 0, "founder": 0, "head": 0,
}

// officeWords are capitalised words that belong to an office, never to a
// name: "Secretary of State", "Minister for External Affairs".
var officeWords = wordSet(
	"state", "defense", "defence", "affairs", "security", "homeland", "treasury",
	"health", "energy", "education", "commerce", "agriculture", "interior",
	"labor", "labour", "justice", "transportation", "transport", "foreign",
	"external", "finance", "economy", "economic", "trade", "industry",
	"environment", "housing", "culture", "tourism", "information",
	"communications", "development", "planning", "home", "war", "veterans",
	"immigration", "cooperation", "relations", "policy", "national",
	"international", "public", "deputy", "vice", "prime", "first", "acting",
	"interim", "former", "senior", "cabinet", "press", "minority", "majority",
	"assistant", "under", "permanent", "special", "executive", "general",
	"chief", "top", "regional", "federal", "provincial", "municipal", "city",
	"county", "district", "supreme", "high", "the", "of", "for", "and", "on",
	"climate", "arctic", "oil", "petroleum", "mines", "fisheries", "water",
	"science", "technology", "digital", "sport", "sports", "youth", "women",
	"family", "welfare", "social", "employment", "infrastructure", "resources",
	"natural", "emergency", "emergencies", "disaster", "unification",
	"intelligence", "staff", "joint", "armed", "forces", "military", "naval",
	"space", "aviation", "maritime", "ocean", "oceans", "europe", "european",
	"asia", "pacific", "african", "latin", "american", "budget", "revenue",
	"administration", "management", "operations", "communication", "media",
	"universe", "world", "campaign",
)

// roleNouns are nouns for what a person is or does, lower case. The value
// lists the broader roles a later "the ..." may use for the same person
// ("the diplomat" for an ambassador) and the gender the noun implies.
type roleInfo struct {
	broader []string
	gender  gender
}

var roleNouns = buildRoleNouns()

func buildRoleNouns() map[string]roleInfo {
	m := map[string]roleInfo{}
	add := func(g gender, broader []string, nouns ...string) {
		for _, n := range nouns {
			m[n] = roleInfo{broader: broader, gender: g}
		}
	}
	diplomat := []string{"diplomat", "official"}
	leader := []string{"leader", "official"}
	official := []string{"official"}
	lawmaker := []string{"lawmaker", "legislator", "politician"}
	spokes := []string{"spokesperson", "spokesman", "spokeswoman", "official"}
	add(0, diplomat, "ambassador", "envoy", "diplomat", "ambassador-at-large", "consul",
		"consul-general", "chargé", "emissary", "attaché", "negotiator")
	add(0, []string{"foreign minister", "minister", "top diplomat", "diplomat", "official"},
		"foreign minister", "foreign secretary", "secretary of state", "top diplomat",
		"foreign policy chief", "chief diplomat", "foreign affairs minister")
	add(0, []string{"premier", "prime minister", "pm", "leader", "head of government", "official"},
		"prime minister", "premier", "pm")
	add(0, leader, "president", "chancellor", "leader", "head of state",
		"head of government", "king", "queen", "emir", "sultan", "monarch",
		"vice president", "vice-president")
	add(0, []string{"president-elect"}, "president-elect")
	add(0, []string{"minister", "official"}, "minister", "deputy minister")
	add(genderMale, spokes, "spokesman")
	add(genderFemale, spokes, "spokeswoman")
	add(0, spokes, "spokesperson", "press secretary", "spokespeople")
	add(0, append([]string{"senator"}, lawmaker...), "senator", "sen.")
	add(genderMale, append([]string{"congressman"}, lawmaker...), "congressman", "assemblyman")
	add(genderFemale, append([]string{"congresswoman"}, lawmaker...), "congresswoman", "assemblywoman")
	add(0, lawmaker, "lawmaker", "legislator", "representative", "rep.", "mp", "mep",
		"parliamentarian", "deputy", "politician", "member of parliament")
	add(0, official, "governor", "mayor", "secretary", "official", "commissioner",
		"director", "director-general", "secretary-general", "chairman", "chairperson",
		"chair", "head", "chief", "administrator", "regulator", "prosecutor",
		"attorney general", "auditor", "treasurer", "comptroller", "delegate",
		"chief delegate", "councillor", "councilor", "officer", "minister-counsellor",
		"coordinator", "superintendent", "sheriff", "police chief", "commander",
		"general", "admiral", "colonel", "captain", "lieutenant", "sergeant",
		"marshal", "civil servant", "bureaucrat", "aide", "adviser", "advisor",
		"counselor", "counsellor", "strategist", "undersecretary", "under secretary",
		"deputy secretary", "assistant secretary", "deputy director", "staffer",
		"rapporteur", "mediator", "speaker", "whip", "majority leader",
		"minority leader", "inspector", "detective", "agent", "judge", "justice",
		"magistrate", "attorney", "lawyer", "president-elect", "ceo", "executive",
		"chief executive", "founder", "co-founder", "cofounder")
	add(genderFemale, official, "chairwoman", "councilwoman", "businesswoman",
		"congresswoman", "assemblywoman", "policewoman")
	add(genderMale, official, "councilman", "businessman", "policeman")
	add(0, nil, "economist", "analyst", "expert", "professor", "scholar", "researcher",
		"scientist", "historian", "journalist", "reporter", "correspondent", "editor",
		"columnist", "commentator", "author", "writer", "novelist", "activist",
		"campaigner", "critic", "dissident", "opposition leader", "candidate",
		"nominee", "challenger", "incumbent", "contender", "rival", "opponent",
		"predecessor", "successor", "veteran", "doctor", "physician", "surgeon",
		"nurse", "teacher", "student", "pastor", "priest", "cleric", "bishop",
		"archbishop", "cardinal", "pope", "rabbi", "imam", "monk", "lecturer",
		"fellow", "director", "pollster", "consultant", "organiser", "organizer",
		"host", "anchor", "presenter", "comedian", "actor", "singer", "musician",
		"artist", "filmmaker", "director", "producer", "athlete", "player",
		"manager", "owner", "investor", "banker", "entrepreneur", "billionaire",
		"millionaire", "tycoon", "mogul", "magnate", "witness", "victim",
		"survivor", "resident", "voter", "supporter", "protester", "protestor",
		"demonstrator", "worker", "employee", "farmer", "soldier", "officer",
		"trooper", "pilot", "captain", "coach", "chef", "lobbyist", "donor",
		"fundraiser", "volunteer", "organizer", "chaplain", "physicist",
		"chemist", "biologist", "climatologist", "meteorologist", "ecologist",
		"engineer", "architect", "designer", "photographer", "poet", "playwright",
		"blogger", "podcaster", "broadcaster", "mathematician", "philosopher",
		"psychologist", "sociologist", "demographer", "strategist", "operative",
		"republican", "democrat", "conservative", "liberal", "progressive",
		"independent", "libertarian", "socialist", "nationalist", "populist",
		"peer", "life peer", "backbencher", "frontbencher")
	add(genderFemale, nil, "actress", "wife", "mother", "daughter", "sister",
		"widow", "grandmother", "aunt", "niece", "girlfriend", "granddaughter",
		"woman", "mom", "mum", "chairwoman", "anchorwoman", "sportswoman",
		"heiress", "hostess", "waitress", "stepmother", "first lady", "duchess",
		"countess", "baroness", "empress", "princess", "queen", "nun")
	add(genderMale, nil, "husband", "father", "son", "brother", "widower",
		"grandfather", "uncle", "nephew", "boyfriend", "grandson", "man", "dad",
		"anchorman", "sportsman", "stepfather", "duke", "count", "baron",
		"emperor", "prince", "king", "monk")
	// A few of the above were added twice with different broader roles; the
	// official roles win for nouns that name offices.
	for _, n := range []string{"director", "officer", "captain", "strategist",
		"bishop", "archbishop", "cardinal", "pope", "rabbi", "imam"} {
		ri := m[n]
		if len(ri.broader) == 0 {
			ri.broader = official
			m[n] = ri
		}
	}
	for _, n := range []string{"queen", "princess"} {
		m[n] = roleInfo{broader: leader, gender: genderFemale}
	}
	for _, n := range []string{"king", "prince"} {
		m[n] = roleInfo{broader: leader, gender: genderMale}
	}
	return m
}

// roleOf finds the role noun that ends the lower-case words ws, trying the
// longest compound first ("foreign policy chief" before "chief"). It
// returns the compound and true, or "" and false when the last word is not
// a role noun.
func roleOf(ws []string) (string, bool) {
	var buf [96]byte
	for n := min(3, len(ws)); n >= 1; n-- {
		b := buf[:0]
		for i, w := range ws[len(ws)-n:] {
			if i > 0 {
				b = append(b, ' ')
			}
			b = append(b, w...)
		}
		if _, ok := roleNouns[string(b)]; ok {
			role := ws[len(ws)-1]
			if n > 1 {
				role = string(b)
			}
			if i := len(ws) - n - 1; i >= 0 && roleQualifiers[ws[i]] {
				// "Deputy Prime Minister John Prescott" is not "the prime
				// minister".
				return ws[i] + " " + role, true
			}
			return role, true
		}
	}
	if len(ws) > 0 {
		// "ambassador-at-large", "chairman-designate"
		last := ws[len(ws)-1]
		if i := strings.IndexByte(last, '-'); i > 0 {
			if _, ok := roleNouns[last[:i]]; ok {
				return last[:i], true
			}
		}
	}
	return "", false
}

// roleQualifiers make a different role of the one they precede.
var roleQualifiers = wordSet("deputy", "vice", "former", "acting", "shadow", "junior",
	"assistant", "under", "ex", "interim", "outgoing", "late", "associate")

// officeRoles are roles that name one office; "the chancellor" is not an
// epithet for whoever the text was about.
var officeRoles = wordSet("president", "prime minister", "premier", "chancellor",
	"minister", "foreign minister", "secretary", "governor", "senator", "mayor",
	"ambassador", "envoy", "king", "queen", "prince", "pope", "speaker", "chairman",
	"chairwoman", "chair", "director", "commissioner", "judge", "attorney general",
	"secretary of state", "foreign secretary", "leader", "head", "chief", "emir",
	"sultan", "president-elect", "vice president", "general", "admiral",
	"congressman", "congresswoman", "representative", "mp", "lawmaker")

// expandRole calls add with the role and every broader role it implies.
func expandRole(role string, add func(string)) {
	add(role)
	if ri, ok := roleNouns[role]; ok {
		for _, r := range ri.broader {
			add(r)
		}
	}
	// "deputy foreign minister" is still a minister.
	if i := strings.LastIndexByte(role, ' '); i > 0 {
		if _, ok := roleNouns[role[i+1:]]; ok {
			add(role[i+1:])
		}
	}
}

// roleGender is the gender a role noun implies, if any.
func roleGender(role string) gender {
	return roleNouns[role].gender
}

// honorificGender gives the gender of Mr., Mrs., Ms. and similar.
func honorificGender(w string) gender {
	return titleHeads[w]
}

func wordSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
