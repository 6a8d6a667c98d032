import Testing

@testable import Reporting

/// Headlines, datelines, credits and page furniture as a reader sees them.
@Suite("Furniture")
struct FurnitureTests {
  func kinds(_ text: String) -> [SentenceKind] { Article(text: text).sentences.map(\.kind) }

  @Test func aBareDatelineIsNotATitle() {
    let a = Article(
      text: """
        (Coastline Press) — Fighters seized the Varo junction on Saturday, army sources said.

        The junction controls the only paved road to the sea.
        """)
    #expect(!a.sentences.contains { $0.kind == .headline })
    #expect(a.sentences.first?.kind == .dateline)
  }

  @Test func aQuotationOpeningTheStoryIsNotATitle() {
    #expect(
      kinds(
        """
        The mayor told residents: "We will rebuild the bridge."

        Work on the bridge will start in May, the city said.
        """
      ).first != .headline)
  }

  @Test func aBylineIsNotATitle() {
    #expect(
      kinds(
        """
        By Lena Marsh

        Fighters seized the Varo junction on Saturday, army sources said.
        """
      ).first == .credit)
  }

  @Test func pressReleaseFurnitureIsBoilerplate() {
    let a = Article(
      text: """
        Halvard Water to build a desalination plant at Kessling

        FOR IMMEDIATE RELEASE

        Halvard Water today announced plans to build a desalination plant worth 640 million crowns.

        The plant will employ 120 permanent staff once it is running.

        Notes to editors

        About Halvard Water

        Halvard Water is the largest water utility in Lunmark.

        Media contact: Lis Oberg, Halvard Water press office

        ###
        """)
    let furniture = a.sentences.filter { $0.kind == .boilerplate }.map(\.text)
    #expect(
      furniture == [
        "FOR IMMEDIATE RELEASE", "Notes to editors", "About Halvard Water",
        "Media contact: Lis Oberg, Halvard Water press office", "###",
      ])
    #expect(a.pressReleaseIssuer == "Halvard Water")
    #expect(Article(text: "Ends").sentences.first?.kind != .claim)
  }

  @Test func aNewsStoryIsNotAPressRelease() {
    #expect(
      Article(text: "Halvard Water will build a plant, the company said.\n\nAbout 600 jobs will be created.")
        .pressReleaseIssuer == nil)
  }

  @Test func liveBlogAndReaderPromptsAreBoilerplate() {
    let a = Article(
      text: """
        Marathon stopped as heat sends runners to hospital

        10:30 — Good morning and welcome to our live coverage of the Halsby marathon.

        Some 9,000 runners set off from the harbour, organisers said.

        That's where we'll leave our live coverage for today. Thanks for following along.

        Got a photo? Send it to us.

        Read more

        We use cookies to give you the best experience on our site.

        Accept
        """)
    let furniture = a.sentences.filter { $0.kind == .boilerplate }.map(\.text).joined(separator: " ")
    for line in [
      "welcome to our live coverage", "leave our live coverage", "Thanks for following along.", "Got a photo?",
      "Send it to us.", "Read more", "We use cookies", "Accept",
    ] {
      #expect(furniture.includes(line), "\(line) is not boilerplate")
    }
    #expect(!furniture.includes("9,000 runners"))
    #expect(a.sentences.first?.kind == .headline)
  }

  @Test func aButtonWordOutsideABannerIsNotBoilerplate() {
    #expect(kinds("Talks resume in Vellin\n\nAccept").last != .boilerplate)
  }
}
