import Foundation
import GitKit
import Reporting

extension Workspace {
  /// Compares two sides of reporting, sentence by sentence, in meaning.
  ///
  /// Each side is one of:
  /// - `SLUG`: the latest version of a source; `SLUG@N`: its version N;
  /// - `REV:SLUG` (or `REV:SLUG@N`): that source as the workspace had it at a
  ///   git revision, e.g. `HEAD~3:wire` or `main@{yesterday}:wire`;
  /// - a path to a plain-text file, checked as ingest checks articles. A path
  ///   with a `/` is always a file; a bare name is a source if the workspace
  ///   has one by that name (write `./NAME` for the file).
  /// - Parameters:
  ///   - a: the earlier or original side.
  ///   - b: the later or derived side.
  /// - Throws: `WorkbenchError.invalidArgument` naming the side (`A` or `B`) for an
  ///   unknown source, version or revision, or a missing file; `.invalidInput` for
  ///   a file vet would refuse to ingest.
  public func diff(_ a: String, _ b: String) throws -> SourceDiff {
    let snapshot = try snapshot()
    let left = try resolveSide(a, argument: "A", snapshot: snapshot)
    let right = try resolveSide(b, argument: "B", snapshot: snapshot)
    return Self.compare(left, right)
  }

  /// Compares the last two versions of a source.
  /// - Throws: `.invalidArgument` when there is no such source or it has only one version.
  public func diff(versionsOf slug: String) throws -> SourceDiff {
    if slug.contains("@") || slug.contains(":") {
      throw WorkbenchError.invalidArgument(
        name: "SLUG",
        reason: "'\(Terminal.escape(slug))' names one version; to compare two, name both: `vet diff wire@1 wire@2`")
    }
    let snapshot = try snapshot()
    guard Self.isSlug(slug), let source = try snapshot.source(slug: slug) else {
      throw WorkbenchError.invalidArgument(
        name: "SLUG",
        reason: "'\(Terminal.escape(slug))' is not a source of this workspace; run `vet source list` to see them")
    }
    guard source.versions.count >= 2 else {
      throw WorkbenchError.invalidArgument(
        name: "SLUG",
        reason:
          "source '\(slug)' has only one version; compare it with another source or a file: `vet diff \(slug) OTHER`")
    }
    let versions = source.versions.suffix(2).map(\.number)
    let left = try sourceSide(source, version: versions[0], argument: "SLUG", snapshot: snapshot, revision: nil)
    let right = try sourceSide(source, version: versions[1], argument: "SLUG", snapshot: snapshot, revision: nil)
    return Self.compare(left, right)
  }

  /// Compares two plain-text files, without a workspace.
  /// - Throws: as `diff(_:_:)` does for file sides.
  public static func diffFiles(_ a: String, _ b: String) throws -> SourceDiff {
    compare(try fileSide(a, argument: "A"), try fileSide(b, argument: "B"))
  }

  // MARK: - Resolving a side

  /// A side's description and the text to analyse.
  struct ResolvedSide {
    var side: SourceDiff.Side
    var text: String
  }

  /// Reads one side as the analyst named it; see `diff(_:_:)` for the forms.
  func resolveSide(_ reference: String, argument: String, snapshot: Snapshot) throws -> ResolvedSide {
    let (slug, version) = Self.splitVersion(reference)
    let isSource = try Self.isSlug(slug) && snapshot.source(slug: slug) != nil
    if FileManager.default.fileExists(atPath: reference) && (reference.contains("/") || !isSource) {
      return try Self.fileSide(reference, argument: argument)
    }
    if let colon = reference.lastIndex(of: ":") {
      let revision = String(reference[..<colon])
      let rest = String(reference[reference.index(after: colon)...])
      return try revisionSide(revision: revision, reference: rest, argument: argument)
    }
    if reference.contains("/") {
      throw WorkbenchError.invalidArgument(
        name: argument, reason: "cannot read '\(Terminal.escape(reference))': no such file")
    }
    guard Self.isSlug(slug), let source = try snapshot.source(slug: slug) else {
      throw WorkbenchError.invalidArgument(
        name: argument,
        reason:
          "'\(Terminal.escape(reference))' is neither a source of this workspace nor a file; run `vet source list` to see the sources"
      )
    }
    return try sourceSide(
      source, version: try Self.versionNumber(version, of: reference, argument: argument), argument: argument,
      snapshot: snapshot, revision: nil)
  }

  /// `REV:SLUG[@N]`: the source as the commit `revision` names had it.
  private func revisionSide(revision: String, reference: String, argument: String) throws -> ResolvedSide {
    guard !revision.isEmpty else {
      throw WorkbenchError.invalidArgument(
        name: argument,
        reason:
          "'\(Terminal.escape(":" + reference))' needs a revision before ':', e.g. HEAD~1:\(Terminal.escape(reference))"
      )
    }
    let commit: ObjectID
    do {
      commit = try repo.resolveCommit(revision)
    } catch {
      throw WorkbenchError.invalidArgument(
        name: argument,
        reason: "'\(Terminal.escape(revision))' is not a revision of this workspace (see `vet log` or `git log`)")
    }
    let (slug, version) = Self.splitVersion(reference)
    guard Self.isSlug(slug) else {
      throw WorkbenchError.invalidArgument(
        name: argument,
        reason: "'\(Terminal.escape(reference))' after ':' is not a source id; write REV:SLUG, e.g. HEAD~1:wire")
    }
    let past = try Snapshot(repo: repo, commit: commit)
    guard let source = try past.source(slug: slug) else {
      throw WorkbenchError.invalidArgument(
        name: argument,
        reason: "source '\(slug)' did not exist at \(Terminal.escape(revision)) (\(commit.hex.prefix(10)))")
    }
    return try sourceSide(
      source, version: try Self.versionNumber(version, of: reference, argument: argument), argument: argument,
      snapshot: past, revision: (revision, commit))
  }

  /// One version of a source (the latest when `version` is nil) from `snapshot`.
  private func sourceSide(
    _ source: Source, version: Int?, argument: String, snapshot: Snapshot, revision: (name: String, commit: ObjectID)?
  ) throws -> ResolvedSide {
    guard let chosen = version.map({ v in source.versions.first { $0.number == v } }) ?? source.latest else {
      let known = source.versions.map(\.number)
      let range = known.count == 1 ? "only version \(known[0])" : "versions \(known.first ?? 1) to \(known.last ?? 1)"
      throw WorkbenchError.invalidArgument(
        name: argument, reason: "source '\(source.slug)' has no version \(version ?? 0); it has \(range)")
    }
    let bytes = try snapshot.data(Source.textPath(slug: source.slug, version: chosen.number)) ?? []
    let name = "\(source.slug)@\(chosen.number)"
    let side = SourceDiff.Side(
      source: source.slug, version: chosen.number, revision: revision?.commit.hex, title: source.title,
      label: revision.map { "\($0.name):\(name)" } ?? name, sentences: [])
    return ResolvedSide(side: side, text: String(decoding: bytes, as: UTF8.self))
  }

  /// A file, refused as ingest would refuse it (missing, a folder, oversized, binary, not UTF-8, empty).
  static func fileSide(_ path: String, argument: String) throws -> ResolvedSide {
    let real = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    let attributes: [FileAttributeKey: Any]
    do {
      attributes = try FileManager.default.attributesOfItem(atPath: real)
    } catch {
      throw WorkbenchError.invalidArgument(
        name: argument, reason: "cannot read '\(Terminal.escape(path))': no such file")
    }
    if attributes[.type] as? FileAttributeType == .typeDirectory {
      throw WorkbenchError.invalidArgument(
        name: argument, reason: "'\(Terminal.escape(path))' is a folder, not an article")
    }
    // Checked before reading, so a huge file is never loaded; a pipe is read no further than the limit.
    if let size = attributes[.size] as? Int, size > TextInput.maximumBytes {
      throw WorkbenchError.invalidInput(
        source: Terminal.escape(path),
        reason: "is \(size / 1_048_576) MB; the limit for one article is \(TextInput.maximumBytes / 1_048_576) MB")
    }
    guard let handle = FileHandle(forReadingAtPath: real) else {
      throw WorkbenchError.invalidArgument(
        name: argument, reason: "cannot read '\(Terminal.escape(path))': permission denied")
    }
    defer { try? handle.close() }
    let data = (try? handle.read(upToCount: TextInput.maximumBytes + 1)) ?? nil
    let text = try TextInput.decode([UInt8](data ?? Data()), name: Terminal.escape(path))
    let side = SourceDiff.Side(source: path, version: nil, file: path, label: path, sentences: [])
    return ResolvedSide(side: side, text: text)
  }

  static func isSlug(_ text: String) -> Bool {
    (try? Identifier.validateSlug(text)) != nil
  }

  /// "wire@2" → ("wire", "2"); "wire" → ("wire", nil).
  static func splitVersion(_ reference: String) -> (slug: String, version: String?) {
    guard let at = reference.lastIndex(of: "@") else { return (reference, nil) }
    return (String(reference[..<at]), String(reference[reference.index(after: at)...]))
  }

  static func versionNumber(_ text: String?, of reference: String, argument: String) throws -> Int? {
    guard let text else { return nil }
    guard let number = Int(text), number > 0 else {
      throw WorkbenchError.invalidArgument(
        name: argument, reason: "'\(Terminal.escape(reference))': the version after '@' must be a positive number")
    }
    return number
  }

  // MARK: - Comparing

  /// Analyses both texts and aligns them.
  static func compare(_ a: ResolvedSide, _ b: ResolvedSide) -> SourceDiff {
    let articleA = Article(text: a.text)
    // B mostly repeats A's sentences: analyse each of those once.
    let articleB = Article(text: b.text, reusing: articleA)
    let diff = ReportingDiff.diff(articleA, articleB)
    var left = a.side
    var right = b.side
    left.sentences = articleA.sentences.map { SourceDiff.Sentence(index: $0.index, text: $0.text, kind: $0.kind) }
    right.sentences = articleB.sentences.map { SourceDiff.Sentence(index: $0.index, text: $0.text, kind: $0.kind) }
    return SourceDiff(a: left, b: right, pairs: diff.pairs, summary: diff.summary)
  }
}
