import Foundation

/// English function words: they carry no content for matching sentences.
enum Stopwords {
  static let all: Set<String> = [
    "a", "an", "the", "and", "or", "but", "nor", "so", "yet", "of", "in", "on", "at", "to", "from",
    "by", "for", "with", "without", "about", "as", "into", "onto", "upon", "than", "then", "that",
    "this", "these", "those", "there", "here", "it", "its", "it's", "he", "she", "they", "them",
    "their", "theirs", "his", "her", "hers", "him", "we", "us", "our", "you", "your", "i", "me", "my",
    "who", "whom", "whose", "which", "what", "when", "where", "why", "how", "is", "are", "was",
    "were", "be", "been", "being", "am", "has", "have", "had", "having", "do", "does", "did", "doing",
    "will", "would", "shall", "should", "can", "could", "may", "might", "must", "not", "no", "also",
    "just", "only", "very", "too", "more", "most", "some", "any", "all", "each", "every", "both",
    "either", "neither", "other", "another", "such", "own", "same", "after", "before", "during",
    "while", "since", "until", "over", "under", "again", "further", "once", "if", "because",
    "although", "though", "whether", "up", "down", "out", "off", "through", "between", "among",
    "against", "via", "per", "still", "even", "yet", "already", "now", "later", "earlier", "around",
    "across", "along", "amid", "within", "toward", "towards", "onboard", "aboard", "one's", "itself",
    "themselves", "himself", "herself", "least", "many", "much", "few", "several", "where", "n't",
    "'s", "s", "been", "there's", "that's", "including", "like", "well", "however", "meanwhile",
  ]
}

/// Groups of words that newswire paraphrase swaps for one another.
///
/// A rewrite that changes "capsized" to "overturned" or "officials" to
/// "authorities" keeps the sentence's topic; mapping each group to one key
/// lets the aligner see that. The groups are deliberately general
/// (reporting verbs, sources, disasters, movement, counts): no group names
/// a particular story.
enum Synonyms {
  static let groups: [[String]] = [
    // Reporting verbs and "according to".
    [
      "say", "said", "says", "saying", "tell", "told", "tells", "telling", "stated",
      "statement", "according", "reported", "reports", "reporting", "announced", "announce",
      "announcement", "added", "noted", "explained", "described", "quoted", "cited", "citing",
      "posted", "wrote", "tweeted", "declared",
    ],
    // Sources of official information.
    [
      "official", "officials", "authority", "authorities", "police", "spokesperson", "spokesman",
      "spokeswoman", "spokespeople", "spokesmen", "representative", "representatives", "officer",
      "officers",
    ],
    ["government", "ministry", "ministries", "administration", "cabinet", "minister"],
    ["service", "department", "agency", "bureau", "directorate", "services", "departments"],
    ["media", "station", "broadcaster", "outlet", "newspaper", "radio", "television", "tv", "channel"],
    // Death and injury.
    [
      "die", "died", "dies", "dying", "dead", "death", "deaths", "killed", "kill", "kills", "killing",
      "perished", "perish", "drowned", "drown", "drowning", "fatalities", "fatality", "lives",
    ],
    ["injured", "injuries", "injury", "hurt", "wounded", "wounds", "wounding"],
    ["missing", "unaccounted", "disappeared", "vanished"],
    ["survivors", "survivor", "survived", "survive", "surviving"],
    ["body", "bodies", "corpses", "corpse"],
    // Vessels, vehicles and accidents.
    [
      "capsized", "capsize", "capsizes", "capsizing", "overturned", "overturn", "overturning",
      "sank", "sink", "sinking", "sunk", "flipped", "flip", "keeled", "foundered",
    ],
    ["ferry", "ferries", "boat", "boats", "vessel", "vessels", "ship", "ships", "craft"],
    ["crash", "crashed", "collision", "collided", "collide"],
    ["accident", "disaster", "tragedy", "incident", "catastrophe"],
    // People and groups.
    [
      "people", "persons", "individuals", "passengers", "passenger", "travellers", "travelers",
      "commuters",
    ],
    ["crew", "crewmembers", "sailors", "seamen", "crewmen"],
    ["children", "child", "kids", "minors"],
    ["residents", "locals", "inhabitants", "villagers", "townspeople"],
    ["witnesses", "witness", "eyewitnesses", "onlookers", "bystanders", "watching", "watched"],
    ["rescuers", "rescue", "rescued", "rescuing", "rescues", "saved", "save", "lifeboat", "lifeboats"],
    [
      "workers", "staff", "employees", "personnel", "teams", "team", "colleagues", "co-workers", "coworkers",
      "workmates",
    ],
    // Actions.
    [
      "search", "searching", "searched", "searches", "hunt", "hunting", "scour", "scoured", "scouring", "combing",
      "combed",
    ],
    ["began", "begin", "begins", "started", "start", "starts", "launched", "launch", "commenced", "opened"],
    ["ended", "end", "halted", "halt", "suspended", "suspend", "stopped", "stop", "abandoned"],
    ["investigation", "investigating", "investigate", "investigators", "inquiry", "probe", "probing"],
    ["cause", "caused", "causes", "reason", "blamed", "blame"],
    ["rose", "rise", "risen", "rising", "climbed", "climb", "increased", "increase", "grew", "jumped", "raised"],
    ["fell", "fall", "dropped", "declined", "decreased", "lowered"],
    ["help", "helped", "aid", "assistance", "assist", "assisted", "support"],
    ["arrived", "arrive", "arrives", "reached", "reach", "docked", "dock"],
    ["left", "leave", "departed", "depart", "departing", "sailed"],
    ["carrying", "carried", "carry", "carries", "transporting", "transported"],
    ["evacuated", "evacuate", "evacuation", "evacuating", "fled", "flee", "fleeing"],
    ["confirmed", "confirm", "confirms", "verified", "verify", "corroborated"],
    ["warned", "warn", "warning", "warnings", "cautioned"],
    ["expected", "expect", "expects", "anticipated", "likely", "projected"],
    ["believed", "thought", "suspected", "presumed"],
    ["feared", "fear", "fears"],
    ["toll", "figure", "figures", "number", "tally", "count", "total"],
    ["fire", "fires", "blaze", "blazes", "flames", "inferno", "burning", "burned", "burnt"],
    ["contained", "contain", "control", "controlled", "extinguished", "doused", "tamed"],
    ["dawn", "daybreak", "sunrise", "morning"],
    ["parts", "part", "sections", "section", "portions", "portion"],
    ["collapsed", "collapse", "collapses", "caved"],
    ["participation", "turnout", "attendance"],
    [
      "protest", "protests", "demonstration", "demonstrations", "rally", "rallies", "march", "marches", "marched",
      "rallied", "protesters", "demonstrators", "marchers",
    ],
    ["strike", "strikes", "walkout", "stoppage", "striking", "strikers"],
    ["wages", "pay", "salaries", "salary", "wage"],
    ["price", "prices", "cost", "costs", "fares"],
    ["arrested", "detained", "arrest", "arrests", "detention"],
    ["complained", "complaints", "complaint", "complain", "protested"],
    ["largest", "biggest", "greatest"],
    ["closed", "shut", "closure", "closing"],
    ["damaged", "destroyed", "damage", "destruction", "wrecked"],
    // Places and weather.
    ["storm", "storms", "gale", "gales", "weather", "winds", "wind", "squall", "waves"],
    ["sea", "seas", "waters", "water", "ocean"],
    ["coast", "coastline", "shore", "shoreline", "coastal", "offshore"],
    ["port", "harbour", "harbor", "pier", "jetty", "wharf", "terminal"],
    ["hospital", "hospitals", "clinic", "clinics", "medical", "treated", "treatment"],
    ["overcrowded", "overloaded", "overcrowding", "overloading", "overcapacity"],
    ["large", "big", "major", "huge", "massive"],
    ["small", "little", "minor"],
    ["quickly", "rapidly", "swiftly", "fast", "quick", "rapid", "soon"],
    ["identified", "identify", "named"],
    ["town", "city", "village", "province", "region", "district"],
  ]

  /// Word (lowercased) → group key; keys are stable strings starting with "~".
  static let index: [String: String] = {
    var map: [String: String] = [:]
    for group in groups {
      guard let head = group.first else { continue }
      let key = "~" + head
      for w in group where map[w] == nil {
        map[w] = key
      }
    }
    return map
  }()

  /// Keys of groups that say who is speaking rather than what happened: they
  /// help align sentences but weigh little.
  static let attributionKeys: Set<String> = ["~say", "~official", "~government", "~media"]

  /// The matching key of a word: its synonym group, else its stem.
  static func key(_ lower: String) -> String {
    if let k = index[lower] { return k }
    if let k = memo.value(lower) { return k }
    let s = Stemmer.stem(lower)
    let k = index[s] ?? s
    memo.store(lower, k)
    return k
  }

  /// Stemming every word of every compared sentence dominated the cost of
  /// a diff; the vocabulary of the texts in one process is small.
  private static let memo = KeyMemo<String>()
}

/// A bounded, thread-safe cache of what was computed for a word or phrase.
final class KeyMemo<Value>: @unchecked Sendable {
  private let lock = NSLock()
  private var map: [String: Value] = [:]
  private let limit = 200_000

  func value(_ word: String) -> Value? {
    lock.lock()
    defer { lock.unlock() }
    return map[word]
  }

  func store(_ word: String, _ key: Value) {
    lock.lock()
    defer { lock.unlock() }
    // A long-running process that reads very many texts starts afresh
    // rather than growing without bound.
    if map.count >= limit { map.removeAll(keepingCapacity: true) }
    map[word] = key
  }
}
