"""The words that tell what kind of thing a capitalised name is: a title before
a person's name ("Major", "Sir"), the last word of an organisation's ("Company",
"Board"), an event's ("War", "Rising"), a place's ("Street", "Canal") or a
law's ("Act", "Treaty"), and the words that open a state's or a people's name
("Soviet", "Imperial") and never a person's."""

from __future__ import annotations

# the months, as a regular expression's alternatives
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"

# words that open the name of a state, a people or a thing, never a person's
MODIFIERS = {
    "Nazi", "Soviet", "Communist", "Imperial", "Royal", "Federal", "Democratic", "Republican",
    "West", "East", "North", "South", "Western", "Eastern", "Northern", "Southern", "New",
    "Old", "Great", "Greater", "Upper", "Lower", "Holy", "United", "Allied", "Central",
    "American", "British", "French", "German", "Russian", "Italian", "Spanish", "Austrian",
    "Dutch", "Belgian", "Polish", "Chinese", "Japanese", "Canadian", "Egyptian", "Turkish",
    "Ottoman", "Prussian", "Scottish", "Irish", "English", "Welsh", "European", "Asian",
    "African", "Deutsche", "Operation", "One", "Two", "Three", "Four", "Five", "Six", "Seven",
    "Eight", "Nine", "Ten", "Twelve", "Twenty", "Hundred", "Thousand",
    # "Another U-2 strayed ...": one more of a thing, no name
    "Another", "Each", "Every", "Both", "Either", "Neither",
    # peoples, languages and faiths: "in Ancient Greek", "the Demotic" are no places
    "Greek", "Latin", "Coptic", "Demotic", "Arabic", "Arab", "Hebrew", "Persian", "Indian",
    "Hindu", "Muslim", "Christian", "Catholic", "Protestant", "Jewish", "Roman", "Byzantine",
    "Swedish", "Norwegian", "Danish", "Swiss", "Hungarian", "Czech", "Portuguese", "Mexican",
    "Australian", "Sanskrit", "Hindi", "Urdu", "Gujarati", "Bengali", "Tamil", "Ancient",
}  # fmt: skip
TITLES = {
    "Major", "Captain", "Colonel", "Lieutenant", "General", "Admiral", "Sergeant",
    "President", "Prime", "Minister", "Emperor", "Empress", "King", "Queen", "Prince",
    "Princess", "Duke", "Lord", "Lady", "Sir", "Dr", "Mr", "Mrs", "Miss", "Madame",
    "Monsieur", "Pope", "Saint", "Khedive", "Sultan", "Tsar", "Viceroy", "Bishop",
    "Senator", "Judge", "Count", "Countess", "Baron", "Marshal", "Pasha", "Reverend",
    "Rev", "Father", "Doctor", "Professor", "Archbishop", "Cardinal", "Chancellor",
    "Superintendent", "Inspector", "Commissioner", "Governor", "Mayor", "Sheriff", "Constable",
    "Justice", "Alderman", "Councillor", "Brigadier",
}  # fmt: skip
ORGANISATION_WORDS = {
    "Company", "Section", "Society", "Bank", "Committee", "Army", "Navy", "Ministry",
    "Court", "Council", "Parliament", "Party", "University", "Office", "Commission",
    "Association", "Union", "Government", "League", "Church", "Academy", "Assembly",
    "Senate", "Chamber", "Bureau", "Staff", "Corporation", "Institute",
    "Congress", "Club", "Board", "Police", "Guard", "Republic", "Empire", "Nations",
    "Brewery", "Works", "Factory", "Hospital", "School", "College", "Workhouse", "Mission",
    "Department", "Agency", "Trust", "Administration", "Railway", "Museum", "Library", "Press",
    "Command", "Force", "Forces", "Branch", "Line", "Division", "Regiment", "Brigade", "Fleet",
    "Squadron", "Tribunal",
    # newspapers and magazines: "the Cornhill Magazine published ..." is no person
    "Times", "Magazine", "Gazette", "Journal", "Herald", "Chronicle", "Review", "Tribune",
    "Courier", "Mercury", "Observer", "Telegraph", "Examiner", "Express", "News", "Guardian",
    "Advertiser",
    "Railroad", "Commonwealth", "Lines", "Institution", "Foundation", "Memorial", "Cross",
    "Corps", "Service", "Authority", "Federation", "Alliance", "Commons", "Lords",
    "Representatives", "Burgesses",
    # broadcasters: "Radio Moscow broadcast Khrushchev's acceptance"
    "Radio", "Broadcasting", "Television",
}  # fmt: skip
EVENT_WORDS = {
    "War", "Revolution", "Battle", "Crisis", "Affair", "Siege", "Rising", "Trial", "Day", "Rush",
    "Festival", "Riots", "Strike", "Massacre", "Campaign", "Movement", "Crusade", "Rebellion",
    "Uprising", "Mutiny", "Blockade", "Airlift", "Expedition",
}  # fmt: skip
PLACE_WORDS = {
    "Sea", "Ocean", "Canal", "Lake", "River", "Island", "Islands", "Gulf", "Bay", "Port",
    "City", "Mountains", "Mount", "Desert", "Strait", "Cape", "Valley", "Street",
    "Square", "Station", "Coast", "Isthmus", "Peninsula", "Province", "States", "Road",
    "Lane", "Bridge", "Hill", "Park", "Market", "Palace", "Castle", "Abbey", "Cathedral",
    "Firth", "Loch", "Estuary", "Harbour", "Forest", "Moor", "Heath", "Glen", "Falls",
    "Creek", "Trail", "Pass", "Passes", "Passage", "Route", "Canyon", "Rapids", "Glacier",
    "Embankments",
    "Peak", "Range", "Lakes", "Inlet", "Sound", "Channel", "Point", "Fort", "County",
    "District", "Territory", "Region", "Basin", "Delta", "Plateau", "Plains", "Reef", "Docks",
    "Quay", "Gate", "Avenue", "Head", "Ridge", "Springs", "Fjord", "Marsh", "Marshes",
    "Embankment", "Reach", "Wharf", "Pier", "Dock", "Tunnel", "Mills", "Common", "Heights",
    "Harbor", "Plaza", "Boulevard", "Chapel", "Colliery", "Cemetery", "Quarry", "Pit", "Tower",
    "House",  # "the Opera House", "the Custom House"; "the House of Commons" is a body
}  # fmt: skip
WORK_WORDS = {
    "Treaty", "Declaration", "Act", "Edict", "Manifesto", "Charter", "Convention", "Laws", "Law",
    "Bill", "Amendment", "Constitution", "Acts", "Proclamation",
}  # fmt: skip
# offices a name of its own follows: "the Minister of Finance, Sergei Witte"
OFFICES = {
    "Minister", "Chancellor", "Secretary", "Commissioner", "Governor", "Mayor", "President",
    "Leader", "Speaker", "Superintendent", "Inspector", "Director", "Chairman", "Head",
}  # fmt: skip
# titles asked as what they are: "Mayor Eugene Schmitz" is asked "which mayor"
OFFICE_TITLES = {
    "Mayor", "Governor", "Senator", "Judge", "President", "Chancellor", "Bishop", "Archbishop",
    "Sheriff", "Inspector", "Superintendent", "Commissioner", "Professor", "General", "Admiral",
    "Captain", "Colonel", "Major", "Sergeant", "Lieutenant", "Emperor", "King", "Queen", "Pope",
}  # fmt: skip

# a person's calling, said of a name in an aside: "John Reilly, a former congressman"
PERSON_ROLES = {
    "congressman", "senator", "politician", "engineer", "promoter", "merchant", "banker",
    "lawyer", "physician", "doctor", "surgeon", "priest", "minister", "clergyman", "bishop",
    "teacher", "journalist", "reporter", "editor", "writer", "author", "poet", "novelist",
    "painter", "architect", "inventor", "businessman", "industrialist", "manufacturer",
    "farmer", "soldier", "officer", "sailor", "captain", "explorer", "scientist", "chemist",
    "physicist", "historian", "philosopher", "lecturer", "professor", "student", "nurse",
    "widow", "woman", "man", "judge", "magistrate", "diplomat", "economist", "activist",
    "reformer", "missionary", "contractor", "surveyor", "inspector", "clerk", "worker",
    "miner", "carpenter", "fireman", "firefighter", "telegrapher", "operator", "pilot",
    "driver", "stoker", "guard", "porter", "conductor", "signalman", "photographer",
}  # fmt: skip
# the words a text uses for the event its heading names: "the storm" is the hurricane
SAME_EVENT = {
    "storm": ("hurricane", "cyclone", "typhoon", "gale"),
    "hurricane": ("storm",),
    "blaze": ("fire",),
    "conflagration": ("fire",),
    "deluge": ("flood",),
    "quake": ("earthquake",),
    "blast": ("explosion",),
    "catastrophe": ("disaster",),
    "tragedy": ("disaster",),
    # "the episode" in a text headed "The South Sea Bubble"
    "episode": ("bubble", "affair", "scandal", "crisis", "crash", "panic", "mania"),
}
# an event a text names once by its name and then calls "the war"
ONE_WAR = {"war", "revolution", "rebellion", "mutiny", "siege", "strike", "rising", "uprising"}
