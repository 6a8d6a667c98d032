import Testing

@testable import Reporting

@Suite("Normalization")
struct NormalizerTests {
  @Test func foldsQuotesDashesSpacesAndLineEndings() {
    let raw =
      "\u{201C}We\u{2019}re searching,\u{201D} she said\u{00A0}\u{2014} and\tthen   left.\r\n\r\n\r\nNext\u{2026}"
    #expect(Normalizer.normalize(raw) == "\"We're searching,\" she said \u{2014} and then left.\n\nNext...")
  }

  @Test func composesUnicodeAndKeepsRanges() {
    // "e" + combining acute becomes "é"; an unspaced en dash in a range is a hyphen.
    #expect(Normalizer.normalize("Cafe\u{0301} 30\u{2013}40") == "Caf\u{00E9} 30-40")
    #expect(Normalizer.normalize("word - word -- word") == "word \u{2014} word \u{2014} word")
  }

  @Test func dropsControlAndZeroWidthCharacters() {
    #expect(Normalizer.normalize("a\u{200B}b\u{1B}[31mc\u{00AD}d") == "ab[31mcd")
  }
}

@Suite("Sentence segmentation")
struct SegmentationTests {
  func texts(_ s: String) -> [String] { Article(text: s).sentences.map(\.text) }

  @Test func emptyAndBlankInput() {
    #expect(Article(text: "").sentences.isEmpty)
    #expect(Article(text: " \n\n \t ").sentences.isEmpty)
  }

  @Test func oneSentence() {
    let a = Article(text: "A ferry capsized off Port Halven on Friday.")
    #expect(a.sentences.map(\.text) == ["A ferry capsized off Port Halven on Friday."])
    #expect(a.sentences[0].kind == .claim)
  }

  @Test func abbreviationsDoNotEndSentences() {
    let t = texts(
      "Mr. Smith met Dr. Jones and Gen. Ortiz on Jan. 5 at St. Mary's. Acme Inc. said the U.S. Navy would help. The ship left at 9 a.m. Officials said it sank by 3 p.m. on Friday."
    )
    #expect(
      t == [
        "Mr. Smith met Dr. Jones and Gen. Ortiz on Jan. 5 at St. Mary's.",
        "Acme Inc. said the U.S. Navy would help.",
        "The ship left at 9 a.m.",
        "Officials said it sank by 3 p.m. on Friday.",
      ])
  }

  @Test func sentenceEndingAfterAnAcronymOrCompany() {
    #expect(texts("Aid arrived from the U.S. The ministry said more would follow.").count == 2)
    #expect(texts("The contract went to Acme Inc. The company declined to comment.").count == 2)
  }

  @Test func initialsStayInsideNames() {
    #expect(texts("The book by J. R. Tolkien was read aloud by A. Name on Friday. It was long.").count == 2)
  }

  @Test func decimalsAndNumbersWithSeparators() {
    #expect(
      texts("The river rose 3.5 metres. About 1,200 people left.") == [
        "The river rose 3.5 metres.", "About 1,200 people left.",
      ])
  }

  @Test func quotations() {
    #expect(
      texts("\"We are searching,\" she said. \"We have found nothing.\" Rescuers continued.")
        == ["\"We are searching,\" she said.", "\"We have found nothing.\"", "Rescuers continued."])
    #expect(texts("\"Where is my son?\" she asked. Nobody answered.").count == 2)
  }

  @Test func parentheses() {
    #expect(
      texts("The toll rose to 43. (An earlier report said 40.) Officials gave no details.")
        == ["The toll rose to 43.", "(An earlier report said 40.)", "Officials gave no details."])
  }

  @Test func ellipses() {
    #expect(
      texts("He paused... then went on. We waited... The boat never came.")
        == ["He paused... then went on.", "We waited...", "The boat never came."])
  }

  @Test func exclamationsAndQuestions() {
    #expect(texts("Help came! Was it enough? Nobody knows.").count == 3)
  }

  @Test func paragraphsAndHardWrappedText() {
    let wrapped = """
      A passenger ferry capsized in rough seas off the port of Port Halven on
      Friday and at least 40 people were feared drowned, two port officials
      said.

      The coast guard said the search would continue through the night.
      """
    let a = Article(text: wrapped)
    #expect(a.sentences.count == 2)
    #expect(a.sentences[0].paragraph == 0 && a.sentences[1].paragraph == 1)
    #expect(a.sentences[0].text.hasSuffix("two port officials said."))
  }

  @Test func tenThousandSentences() {
    let text = (0..<10_000).map {
      "Rescuers found \($0 % 90 + 2) survivors near Pier \($0 % 7) on Friday, officials said."
    }
    .joined(separator: " ")
    let a = Article(text: text)
    #expect(a.sentences.count == 10_000)
    #expect(a.sentences.last?.index == 9_999)
  }
}

@Suite("Sentence kinds")
struct KindTests {
  let wire = """
    Ferry capsizes off Port Halven, at least 40 feared drowned

    PORT HALVEN, Veskaria (Meridian Wire) — A passenger ferry capsized off Port Halven on Friday and at least 40 people were feared drowned, two port officials said.

    It was not clear why the ferry overturned.

    Reporting by Lena Marsk and Piet Arnaud; Editing by Tomas Brell
    """

  @Test func headlineDatelineClaimContextCredit() {
    let a = Article(text: wire)
    #expect(a.sentences.map(\.kind) == [.headline, .dateline, .claim, .context, .credit])
    #expect(a.sentences[1].text == "PORT HALVEN, Veskaria (Meridian Wire) \u{2014}")
    #expect(a.sentences[2].text.hasPrefix("A passenger ferry capsized"))
    #expect(a.claims.count == 1)
  }

  @Test func datelineShapes() {
    #expect(Dateline.datelineCut("LONDON (Reuters) \u{2014} Prices rose.")?.dateline == "LONDON (Reuters) \u{2014}")
    #expect(Dateline.datelineCut("WASHINGTON \u{2014} The Senate voted.") != nil)
    #expect(Dateline.datelineCut("Port Halven, March 3 \u{2014} The port reopened.") != nil)
    // An ordinary dash inside a sentence is not a dateline.
    #expect(Dateline.datelineCut("The ferry \u{2014} already late \u{2014} capsized.") == nil)
  }

  @Test func creditLines() {
    for line in [
      "Reporting by Lena Marsk; Editing by Tomas Brell", "Additional reporting by Mira Sollen",
      "Anna Berg contributed reporting from Vellin.", "Writing by Omar Haddad", "(Editing by Jane Roe)",
      "By Jane Doe and Omar Haddad",
    ] {
      let a = Article(text: "Ferry capsizes\n\nA ferry capsized on Friday, officials said.\n\n\(line)")
      #expect(a.sentences.last?.kind == .credit, "\(line)")
    }
  }

  @Test func boilerplate() {
    for line in [
      "Share this article: Facebook Twitter Email", "Facebook Twitter Email",
      "Leave a comment below.", "Comments are moderated and may take up to 24 hours to appear.",
      "Sign up for our newsletter to get the day's top stories in your inbox.",
      "We use cookies to improve your experience on our site.", "Accept all cookies", "Advertisement",
      "Related articles:", "Read more: Ferry disasters of the decade", "All rights reserved.",
      "Click here to subscribe.", "The Salven Courier will update this story as it develops.",
    ] {
      let a = Article(text: "Ferry capsizes\n\nA ferry capsized on Friday, officials said.\n\n\(line)")
      #expect(a.sentences.last?.kind == .boilerplate, "\(line)")
    }
  }

  @Test func linksUnderRelatedArticlesAreBoilerplate() {
    let a = Article(
      text:
        "Outbreak kills two\n\nTwo patients died, officials said.\n\nRelated articles:\n\nSuperbug cases rising across Aldera\n\nHow hospitals fight infections"
    )
    #expect(a.sentences.suffix(3).allSatisfy { $0.kind == .boilerplate })
    #expect(a.claims.count == 1)
  }

  @Test func newsAboutSocialMediaIsNotBoilerplate() {
    let a = Article(text: "The ministry said on Facebook that 40 people had died. He declined to comment.")
    #expect(a.sentences.allSatisfy { !$0.kind.isFurniture })
  }
}

@Suite("Robustness")
struct RobustnessTests {
  /// Deterministic pseudo-random text built from the characters that the
  /// splitter and extractors treat specially.
  static func noise(_ seed: UInt64, length: Int) -> String {
    let pieces = [
      ".", "!", "?", "...", "\"", "'", "(", ")", " ", " ", " ", "\n", "\n\n", "U.S.", "Mr.", "a.m.", "3.5",
      "1,200", "at least", "dozens", "forty-three", "in the", "forties", "between", "and", "said", "according to",
      "—", "-", ",", "é", "Ω", "👍", "\u{0301}", "Port Halven", "THE", "reportedly", "were feared", "By", "Reporting by",
      "Share", "Facebook", "%", "$", "one in", "five", "a", "half", ":", ";", "May", "Jan.", "5", "2024",
    ]
    var state = seed
    var out = ""
    for _ in 0..<length {
      state = state &* 6364136223846793005 &+ 1442695040888963407
      out += pieces[Int((state >> 33) % UInt64(pieces.count))]
      if state % 3 == 0 { out += " " }
    }
    return out
  }

  @Test func arbitraryTextNeverTraps() {
    for seed in 0..<200 as Range<UInt64> {
      let a = Article(text: Self.noise(seed, length: 120))
      let b = Article(text: Self.noise(seed + 1000, length: 120))
      for s in a.sentences { #expect(!s.text.isEmpty) }
      _ = ReportingDiff.diff(a, b)
      _ = ReportingDiff.diff(a, a)
    }
  }

  @Test func binaryLookingInput() {
    let junk = String(decoding: (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }, as: UTF8.self)
    let a = Article(text: junk)
    #expect(a.sentences.allSatisfy { !$0.text.contains("\u{1B}") })
  }
}
