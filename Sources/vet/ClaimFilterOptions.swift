import ArgumentParser
import Workbench

/// The filters of `vet claim list`, which `vet search` takes too.
struct ClaimFilterOptions: ParsableArguments {
  @Option(help: "Only claims with this status.")
  var status: String?
  @Option(help: "Only claims appearing in this source (slug).")
  var source: String?
  @Option(help: "Only claims with this tag.")
  var tag: String?
  @Option(help: "Only claims whose statement or quotes contain this text (case-insensitive).")
  var grep: String?
  @Flag(help: "Only claims flagged for review or with a suggestion to link or dismiss.")
  var needsReview = false

  var filter: ClaimFilter {
    ClaimFilter(status: status, source: source, tag: tag, text: grep, needsReview: needsReview)
  }
}
