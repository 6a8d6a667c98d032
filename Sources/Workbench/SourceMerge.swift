import Foundation

/// Merges three versions of one source's metadata (`source.yml`) the way
/// `ClaimMerge` merges claims: versions are a union by number, fields changed
/// on one side take that side's value, and a field changed differently on
/// both sides keeps ours and is reported.
struct SourceMerge {
  var theirsLabel: String

  struct Result {
    var source: Source?
    var conflicts: [MergeConflict]
  }

  func merge(base: Source?, ours: Source?, theirs: Source?) -> Result {
    switch (ours, theirs) {
    case (nil, nil): return Result(source: nil, conflicts: [])
    case (nil, let theirs?):
      if let base, base == theirs { return Result(source: nil, conflicts: []) }
      return Result(source: theirs, conflicts: [deletion(theirs.slug)])
    case (let ours?, nil):
      if let base, base == ours { return Result(source: nil, conflicts: []) }
      return Result(source: ours, conflicts: [deletion(ours.slug)])
    case (let ours?, let theirs?):
      return mergeBoth(base: base, ours: ours, theirs: theirs)
    }
  }

  /// The version numbers both sides added, each for a different ingest.
  ///
  /// Two different texts under one `v<N>.txt`: `vet pull` renumbers theirs;
  /// a merge of `source.yml` alone cannot, since the texts are other files.
  static func collidingVersions(base: Source?, ours: Source?, theirs: Source?) -> [Int] {
    guard let ours, let theirs else { return [] }
    let known = Set(base?.versions.map(\.number) ?? [])
    return ours.versions.compactMap { mine in
      guard !known.contains(mine.number), var other = theirs.versions.first(where: { $0.number == mine.number })
      else { return nil }
      other.claims = mine.claims
      return other == mine ? nil : mine.number
    }
  }

  private func deletion(_ slug: String) -> MergeConflict {
    MergeConflict(id: slug, kind: "source", field: "deleted", ours: "", theirs: "", kept: "kept")
  }

  private func mergeBoth(base: Source?, ours: Source, theirs: Source) -> Result {
    var merged = ours
    var conflicts: [MergeConflict] = []
    func field(_ name: String, _ keyPath: WritableKeyPath<Source, String?>) {
      switch ClaimMerge.threeWay(base?[keyPath: keyPath], ours[keyPath: keyPath], theirs[keyPath: keyPath]) {
      case .same(let value): merged[keyPath: keyPath] = value
      case .conflict:
        let o = ours[keyPath: keyPath] ?? ""
        conflicts.append(
          MergeConflict(
            id: ours.slug, kind: "source", field: name, ours: o, theirs: theirs[keyPath: keyPath] ?? "", kept: o))
      }
    }
    field("title", \.title)
    field("outlet", \.outlet)
    field("url", \.url)
    field("reliability", \.reliability)
    field("byline", \.byline)
    func date(_ name: String, _ keyPath: WritableKeyPath<Source, Date?>) {
      switch ClaimMerge.threeWay(base?[keyPath: keyPath], ours[keyPath: keyPath], theirs[keyPath: keyPath]) {
      case .same(let value): merged[keyPath: keyPath] = value
      case .conflict:
        let text = { (d: Date?) in d.map(ISODate.format) ?? "" }
        conflicts.append(
          MergeConflict(
            id: ours.slug, kind: "source", field: name, ours: text(ours[keyPath: keyPath]),
            theirs: text(theirs[keyPath: keyPath]), kept: text(ours[keyPath: keyPath])))
      }
    }
    date("published", \.published)
    date("modified", \.modified)
    // Versions by number: both sides' versions are kept; a number both added
    // (the same text ingested twice) keeps ours, with the claims of both.
    var byNumber: [Int: SourceVersion] = [:]
    for version in theirs.versions { byNumber[version.number] = version }
    for version in ours.versions {
      if var other = byNumber[version.number], other != version {
        other = version
        other.claims = ClaimMerge.mergeSet(
          base: base?.versions.first { $0.number == version.number }?.claims ?? [],
          ours: version.claims, theirs: byNumber[version.number]?.claims ?? [])
        byNumber[version.number] = other
      } else {
        byNumber[version.number] = version
      }
    }
    merged.versions = byNumber.keys.sorted().compactMap { byNumber[$0] }
    return Result(source: merged, conflicts: conflicts)
  }
}
