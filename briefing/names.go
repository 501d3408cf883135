package briefing

// Given names whose gender is nearly always the same, lower case. They only
// break ties in pronoun resolution when the article itself gives no gender
// (no Mr./Ms., no he/she about that person alone). Names used for both
// (Jean, Andrea, Kim, Chris, Pat, Alex, Jordan) are left out on purpose.
var maleGivenNames = wordSet(
	// English-speaking countries
	"aaron", "adam", "alan", "albert", "alfred", "andrew", "andy", "anthony",
	"arthur", "barack", "barry", "ben", "benjamin", "bernie", "bernard", "bill",
	"billy", "bob", "bobby", "boris", "brad", "bradley", "brandon", "brett",
	"brian", "bruce", "bryan", "carl", "charles", "charlie", "chuck", "clarence",
	"colin", "craig", "dale", "dan", "daniel", "danny", "darren", "dave",
	"david", "dean", "dennis", "derek", "dick", "don", "donald", "doug",
	"douglas", "duncan", "dwight", "earl", "ed", "eddie", "edward", "elijah",
	"eric", "ernest", "eugene", "frank", "franklin", "fred", "frederick",
	"gary", "gavin", "gene", "geoffrey", "george", "gerald", "gordon", "graham",
	"greg", "gregory", "harold", "harry", "henry", "herbert", "howard", "hugh",
	"ian", "jack", "jacob", "jake", "james", "jason", "jeff", "jeffrey",
	"jeremy", "jerry", "jesse", "jim", "jimmy", "joe", "joel", "john", "johnny",
	"jon", "jonathan", "joseph", "josh", "joshua", "justin", "keith", "ken",
	"kenneth", "kevin", "kurt", "larry", "lawrence", "len", "leonard", "lewis",
	"lloyd", "louis", "luke", "malcolm", "marc", "mark", "martin", "matt",
	"matthew", "max", "michael", "mike", "mitch", "mitchell", "mitt", "nathan",
	"neil", "newt", "nicholas", "nick", "nigel", "noah", "norman", "oliver",
	"oscar", "patrick", "paul", "peter", "phil", "philip", "phillip", "ralph",
	"randy", "ray", "raymond", "reince", "richard", "rick", "rob", "robert",
	"rod", "rodney", "roger", "ron", "ronald", "roy", "rudy", "russell", "ryan",
	"scott", "sean", "seth", "simon", "stanley", "stephen", "steve", "steven",
	"stuart", "ted", "terry", "thomas", "tim", "timothy", "todd", "tom", "tony",
	"trey", "troy", "vincent", "walter", "warren", "wayne", "william", "willie",
	"woodrow", "zach", "zachary", "mehmet", "rudolph", "jeh", "rex", "lindsey",
	"marco", "mitchell", "orrin", "rand", "reid", "spencer", "tucker", "wolf",
	// European
	"alexander", "alexei", "alexey", "andrei", "andrey", "anatoly", "boris",
	"dmitry", "dmitri", "igor", "ivan", "mikhail", "nikolai", "nikolay", "oleg",
	"pavel", "pyotr", "sergei", "sergey", "vladimir", "viktor", "vasily",
	"yevgeny", "yuri", "volodymyr", "petro", "dmytro", "olaf", "angelo",
	"emmanuel", "francois", "françois", "jacques", "nicolas", "pierre",
	"jean-marc", "jean-claude", "jean-luc", "jean-yves", "laurent", "olivier",
	"michel", "thierry", "gerhard", "helmut", "horst", "wolfgang", "heiko",
	"frank-walter", "friedrich", "hans", "jens", "karl", "klaus", "markus",
	"matteo", "giuseppe", "giorgio", "mario", "sergio", "silvio", "paolo",
	"luigi", "antonio", "pedro", "pablo", "carlos", "jose", "josé", "josep",
	"juan", "luis", "manuel", "mariano", "miguel", "santiago", "jorge",
	"fernando", "ricardo", "alberto", "gustavo", "lula", "jair", "javier",
	"mateusz", "andrzej", "jaroslaw", "donald", "viktor", "janez", "milos",
	"aleksandar", "recep", "mevlut", "ahmet", "binali", "kyriakos", "alexis",
	"antonis", "mark", "stefan", "jan", "lars", "anders", "sauli",
	"niinisto", "jonas", "charles", "philippe", "leo", "enda",
	"micheal", "rishi", "keir", "jeremy", "nigel", "dominic", "gerard",
	// Middle East, South Asia, Africa, East Asia
	"mohammed", "muhammad", "mohammad", "mohamed", "ahmed", "ahmad", "ali",
	"hassan", "hussein", "hosni", "abdel", "abdullah", "abdul", "omar",
	"bashar", "benjamin", "yair", "naftali", "isaac", "reuven", "ehud",
	"ariel", "shimon", "yitzhak", "mahmoud", "ismail", "khalid", "salman",
	"hamad", "tamim", "faisal", "imran", "nawaz", "shehbaz", "bilawal",
	"asif", "narendra", "rahul", "amit", "rajnath", "subrahmanyam", "manmohan",
	"amitabh", "arvind", "piyush", "shinzo", "fumio", "yoshihide", "taro",
	"junichiro", "yukio", "naoto", "toshimitsu", "jiang",
	"rodrigo", "ferdinand",
	"joko", "prabowo", "recep", "cyril", "jacob", "thabo", "nelson",
	"uhuru", "william", "paul", "muhammadu", "bola", "abiy", "yoweri",
	"emmerson", "robert", "denis", "alemayehu", "macky", "alassane", "idriss",
	"volodymyr", "ilham", "nikol", "kassym-jomart", "nursultan", "shavkat",
	"emomali", "alexander", "aleksandr", "viktor", "anwar", "mahathir",
	"najib", "justin", "anthony", "scott", "kevin",
	"malcolm", "tony", "chris",
)

var femaleGivenNames = wordSet(
	"abigail", "alice", "alicia", "alison", "allison", "amanda", "amy", "angela",
	"ann", "anna", "anne", "annie", "april", "ashley", "barbara", "betty",
	"beverly", "brenda", "carol", "caroline", "carolyn", "catherine", "cathy",
	"charlotte", "cheryl", "christina", "christine", "cindy", "claire", "condoleezza",
	"cynthia", "debbie", "deborah", "debra", "denise", "diana", "diane", "donna",
	"doris", "dorothy", "elaine", "elise", "elizabeth", "ellen", "emily", "emma",
	"eva", "evelyn", "frances", "gina", "gloria", "grace", "gwen", "hannah",
	"heather", "heidi", "helen", "hillary", "hope", "ivanka", "jane", "janet",
	"janice", "jeanne", "jennifer", "jessica", "jill", "joan", "joanne", "joy",
	"joyce", "judith", "judy", "julia", "julie", "karen", "katherine", "kathleen",
	"kathy", "katie", "kay", "kellyanne", "kimberly", "kirsten", "laura",
	"lauren", "linda", "lisa", "lois", "loretta", "lori", "louise", "lucy",
	"lynn", "madeleine", "madeline", "margaret", "maria", "marie", "marilyn",
	"martha", "mary", "maxine", "megan", "melania", "melissa", "michelle",
	"mildred", "minyon", "monica", "nancy", "natalie", "nicole", "nikki",
	"olivia", "pamela", "patricia", "paula", "peggy", "penny", "rachel",
	"rebecca", "rita", "rosa", "rose", "ruth", "sally", "samantha", "sandra",
	"sara", "sarah", "sharon", "shirley", "sonia", "sophie", "stacey", "stephanie",
	"susan", "suzanne", "tammy", "teresa", "theresa", "tina", "tulsi", "valerie",
	"victoria", "virginia", "wendy", "ava", "oprah", "patti", "rakeyia",
	"malkia", "terry-ann", "marcia", "tamika", "keisha", "latoya", "shanice",
	"jessica", "kamala", "ilhan", "alexandria", "ayanna", "debbie", "dianne",
	"lisa", "mazie", "tammy", "jeanne", "marsha", "kyrsten", "joni", "shelley",
	// European and elsewhere
	"angela", "annegret", "ursula", "annalena", "svenja", "christine", "marine",
	"segolene", "ségolène", "anne-marie", "sylvie", "federica", "giorgia",
	"theresa", "priti", "liz", "nicola", "arlene", "mairead", "jacinda",
	"julia", "penny", "marise", "anneliese", "kaja", "mette", "sanna",
	"magdalena", "ingrid", "erna", "katrin", "thordis", "kristrun",
	"ewa", "beata", "dalia", "ingrida", "maia", "salome", "zuzana", "viorica",
	"maia", "yulia", "maria", "valentina", "tatiana", "tatyana", "svetlana",
	"irina", "olga", "natalia", "natalya", "elena", "yelena", "lyudmila",
	"anastasia", "ekaterina", "margarita", "oksana", "iryna", "mumtaz", "hina",
	"benazir", "indira", "sushma", "nirmala", "smriti", "sonia",
	"priyanka", "mamata", "yingluck", "geun-hye",
	"yoko", "yuriko", "tomomi", "ellen", "michelle", "golda",
	"tzipi", "ayelet", "hanan", "ngozi", "ellen", "joyce", "samia",
	"amina", "fatima", "fatma", "aisha", "leila", "layla", "rania", "noor",
	"dilma", "cristina", "michelle", "claudia", "xiomara", "dina",
)

// givenNameGender is the gender a first name usually has.
func givenNameGender(w string) gender {
	switch {
	case maleGivenNames[w] && !femaleGivenNames[w]:
		return genderMale
	case femaleGivenNames[w] && !maleGivenNames[w]:
		return genderFemale
	}
	return genderUnknown
}
