import ArgumentParser

/// The --as-of option of read commands: the answer as of a date or revision.
struct AsOfOption: ParsableArguments {
  @Option(
    name: .customLong("as-of"),
    help: ArgumentHelp(
      "Answer as of then: a date (2026-11-20, 2026-11-20T18:00:00Z, \"2 hours ago\") or a revision (HEAD~3).",
      valueName: "date-or-rev"))
  var asOf: String?
}
