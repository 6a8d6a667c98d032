import Foundation
import GitKit

/// Merges the workspace at two commits against their common ancestor, file by
/// file: claims through `ClaimMerge`, source metadata through `SourceMerge`,
/// anything else as text the way git would.
///
/// Only paths both sides changed are parsed, so the cost follows the size of
/// the two changes, not of the workspace.
struct WorkspaceMerge {
  let repo: Repository
  var author: String
  var date: Date
  /// What "theirs" is called in messages and file names, for example "origin/main".
  var theirsLabel: String

  struct Result {
    /// What to write on top of ours; nil removes a path.
    var files: [String: [UInt8]?] = [:]
    var conflicts: [MergeConflict] = []
    /// Claims both sides changed, merged field by field.
    var mergedClaims: [String] = []
    /// Paths taken from their side unchanged.
    var takenFromTheirs = 0
    /// Ids of the log entries the merge itself wrote (one per claim with conflicts).
    var mergeEntries: [String] = []
  }

  func run(base: ObjectID, ours: ObjectID, theirs: ObjectID) throws -> Result {
    let baseTree = try repo.commit(base).tree
    let ourChanges = Dictionary(
      try repo.changedPaths(from: baseTree, to: repo.commit(ours).tree).map { ($0.path, $0) },
      uniquingKeysWith: { first, _ in first })
    let theirChanges = try repo.changedPaths(from: baseTree, to: repo.commit(theirs).tree)
    var result = Result()
    var unresolved: [String] = []
    let renumbering = try versionRenumbering(
      ours: ourChanges, theirs: theirChanges, oursCommit: ours, theirsCommit: theirs)
    for change in theirChanges {
      if let (slug, number) = Self.versionTextPath(change.path), let moved = renumbering[slug]?[number] {
        // Both sides recorded a different version N: theirs becomes the next free number.
        result.files[Source.textPath(slug: slug, version: moved)] = try change.new.map { id throws in try repo.blob(id)
        }
        continue
      }
      if let (slug, number) = Self.versionPagePath(change.path), let moved = renumbering[slug]?[number] {
        // The page it was extracted from moves with it.
        result.files[Source.pagePath(slug: slug, version: moved)] = try change.new.map { id throws in try repo.blob(id)
        }
        continue
      }
      var theirID = change.new
      var theirBytes: [UInt8]?? = nil
      if !renumbering.isEmpty, Self.isClaimPath(change.path), let id = change.new,
        var claim = try parseClaim(try repo.blob(id), path: change.path, side: theirsLabel)
      {
        let baseClaim = try change.old.flatMap {
          try parseClaim(try repo.blob($0), path: change.path, side: "merge base")
        }
        if Self.renumber(&claim, renumbering, base: baseClaim) {
          let bytes = Array(try claim.rendered().utf8)
          theirBytes = .some(bytes)
          theirID = try ObjectID.blob(hashing: bytes)
        }
      }
      guard let mine = ourChanges[change.path] else {
        result.files[change.path] = try theirBytes ?? change.new.map { id throws in try repo.blob(id) }
        result.takenFromTheirs += 1
        continue
      }
      if mine.new == theirID { continue }
      let merged = try mergeFile(
        change.path, base: change.old, ours: mine.new, theirs: change.new, theirBytesOverride: theirBytes,
        renumbering: renumbering, into: &result)
      switch merged {
      case .bytes(let bytes):
        if let bytes, let mineID = mine.new, try ObjectID.blob(hashing: bytes) == mineID { continue }
        if bytes == nil && mine.new == nil { continue }
        result.files[change.path] = bytes
      case .unresolved:
        unresolved.append(change.path)
      }
    }
    if !unresolved.isEmpty { throw SyncError.mergeConflict(remote: theirsLabel, paths: unresolved.sorted()) }
    try completeLinks(&result, ours: ours)
    return result
  }

  /// Finishes links the merge crossed: a claim linked on one side and
  /// written to on the other comes out of `ClaimMerge` as a stub holding
  /// what was added; that moves on into the claim it was linked into, as
  /// `vet claim link` would move it. (A plain `git pull` cannot reach a
  /// second file: there the stub stays a claim, flagged, until linked again.)
  private func completeLinks(_ result: inout Result, ours: ObjectID) throws {
    let snapshot = try Snapshot(repo: repo, commit: ours)
    for path in result.files.keys.sorted() where Self.isClaimPath(path) {
      guard let bytes = result.files[path] ?? nil,
        let stub = try parseClaim(bytes, path: path, side: "merged"), let target = stub.linked, !stub.isAlias
      else { continue }
      let targetPath = Claim.path(for: target)
      let targetBytes = try result.files[targetPath] ?? snapshot.data(targetPath)
      // Linked into a claim that is itself linked on: left flagged for the analyst.
      guard let targetBytes, var survivor = try parseClaim(targetBytes, path: targetPath, side: "merged"),
        survivor.linked == nil
      else { continue }
      var pending = stub
      pending.review.removeAll { $0 == ClaimMerge.relinkReason(into: target) }
      // The merge's own note asking for this link is settled by it.
      let asking = "Merge: " + ClaimMerge.relinkNote(stub.id, into: target)
      let settled = Set(pending.log.filter { $0.action == .merge && $0.note == asking }.map(\.id))
      pending.log.removeAll { settled.contains($0.id) }
      result.mergeEntries.removeAll { settled.contains($0) }
      let entryID = Identifier.newEntryID()
      _ = Workspace.unite(&survivor, absorbing: pending, entryID: entryID, author: author, date: date)
      result.files[targetPath] = Array(try survivor.rendered().utf8)
      result.files[path] = Array(try Workspace.stub(of: stub, linkedInto: target).rendered().utf8)
      result.mergeEntries.append(entryID)
      if !result.mergedClaims.contains(target) { result.mergedClaims.append(target) }
    }
  }

  /// Versions both sides added under the same number with different texts, by
  /// source: their version number → the next free number it moves to.
  private func versionRenumbering(
    ours: [String: ChangedPath], theirs: [ChangedPath], oursCommit: ObjectID, theirsCommit: ObjectID
  ) throws -> [String: [Int: Int]] {
    var clashes: [String: [Int]] = [:]
    for change in theirs where change.old == nil {
      guard let (slug, number) = Self.versionTextPath(change.path), let mine = ours[change.path], mine.old == nil,
        mine.new != nil, mine.new != change.new
      else { continue }
      clashes[slug, default: []].append(number)
    }
    var result: [String: [Int: Int]] = [:]
    for (slug, numbers) in clashes {
      var highest = 0
      for commit in [oursCommit, theirsCommit] {
        let snapshot = try Snapshot(repo: repo, commit: commit)
        highest = max(highest, (try snapshot.source(slug: slug)?.versions.map(\.number).max()) ?? 0)
        for entry in try snapshot.entries("sources/" + slug) {
          if let (_, n) = Self.versionTextPath("sources/\(slug)/" + entry.name) { highest = max(highest, n) }
        }
      }
      for number in numbers.sorted() {
        highest += 1
        result[slug, default: [:]][number] = highest
      }
    }
    return result
  }

  /// Moves their appearances and log entries of a renumbered version; true when anything moved.
  static func renumber(_ claim: inout Claim, _ renumbering: [String: [Int: Int]], base: Claim?) -> Bool {
    var changed = false
    let baseAppearances = Set(base?.appearances ?? [])
    let baseEntries = Set(base?.log.map(\.id) ?? [])
    for i in claim.appearances.indices where !baseAppearances.contains(claim.appearances[i]) {
      if let moved = renumbering[claim.appearances[i].source]?[claim.appearances[i].version] {
        claim.appearances[i].version = moved
        changed = true
      }
    }
    for i in claim.log.indices where !baseEntries.contains(claim.log[i].id) {
      if let source = claim.log[i].source, let version = claim.log[i].version, let moved = renumbering[source]?[version]
      {
        claim.log[i].version = moved
        changed = true
      }
    }
    return changed
  }

  /// `sources/SLUG/vN.txt` → (SLUG, N).
  static func versionTextPath(_ path: String) -> (String, Int)? { versionFile(path, suffix: ".txt") }

  /// `sources/SLUG/vN.html` → (SLUG, N).
  static func versionPagePath(_ path: String) -> (String, Int)? { versionFile(path, suffix: ".html") }

  /// `sources/SLUG/vN` and `suffix` → (SLUG, N).
  private static func versionFile(_ path: String, suffix: String) -> (String, Int)? {
    let parts = path.split(separator: "/")
    guard parts.count == 3, parts[0] == "sources", parts[2].hasPrefix("v"), parts[2].hasSuffix(suffix),
      let number = Int(parts[2].dropFirst().dropLast(suffix.count))
    else { return nil }
    return (String(parts[1]), number)
  }

  enum FileOutcome {
    /// The merged content; nil removes the file.
    case bytes([UInt8]?)
    /// Both sides changed it in ways vet cannot combine.
    case unresolved
  }

  private func mergeFile(
    _ path: String, base: ObjectID?, ours: ObjectID?, theirs: ObjectID?, theirBytesOverride: [UInt8]??,
    renumbering: [String: [Int: Int]], into result: inout Result
  ) throws -> FileOutcome {
    let baseBytes = try base.map { id throws in try repo.blob(id) }
    let ourBytes = try ours.map { id throws in try repo.blob(id) }
    let theirBytes = try theirBytesOverride ?? theirs.map { id throws in try repo.blob(id) }
    if Self.isClaimPath(path) {
      let merge = ClaimMerge(author: author, date: date, theirsLabel: theirsLabel)
      let outcome = try merge.merge(
        base: try parseClaim(baseBytes, path: path, side: "merge base"),
        ours: try parseClaim(ourBytes, path: path, side: "HEAD"),
        theirs: try parseClaim(theirBytes, path: path, side: theirsLabel))
      result.mergedClaims.append(String(((path as NSString).lastPathComponent as NSString).deletingPathExtension))
      result.conflicts += outcome.conflicts
      if let claim = outcome.claim {
        let known = Set((try parseClaim(ourBytes, path: path, side: "HEAD")?.log ?? []).map(\.id))
          .union((try parseClaim(theirBytes, path: path, side: theirsLabel)?.log ?? []).map(\.id))
        result.mergeEntries += claim.log.filter { $0.action == .merge && !known.contains($0.id) }.map(\.id)
      }
      return .bytes(try outcome.claim.map { Array(try $0.rendered().utf8) })
    }
    if Self.isSourceMetadataPath(path) {
      let merge = SourceMerge(theirsLabel: theirsLabel)
      var theirSource = try parseSource(theirBytes, path: path, side: theirsLabel)
      if let slug = theirSource?.slug, let moves = renumbering[slug] {
        for i in theirSource?.versions.indices ?? 0..<0 {
          if let number = theirSource?.versions[i].number, let moved = moves[number] {
            theirSource?.versions[i].number = moved
          }
        }
      }
      let outcome = merge.merge(
        base: try parseSource(baseBytes, path: path, side: "merge base"),
        ours: try parseSource(ourBytes, path: path, side: "HEAD"), theirs: theirSource)
      result.conflicts += outcome.conflicts
      return .bytes(try outcome.source.map { Array(try $0.rendered().utf8) })
    }
    // Anything else (README, config, version texts): a line merge, as git does,
    // but a conflict stops the pull rather than committing markers.
    guard let ourBytes, let theirBytes else { return .unresolved }
    let merged = try FileMerge.merge(
      base: baseBytes, ours: ourBytes, theirs: theirBytes, labels: ("base", "HEAD", theirsLabel))
    return merged.isClean ? .bytes(merged.bytes) : .unresolved
  }

  private func parseClaim(_ bytes: [UInt8]?, path: String, side: String) throws -> Claim? {
    guard let bytes else { return nil }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw WorkbenchError.invalidFormat(file: "\(side):\(path)", line: nil, reason: "is not valid UTF-8 text")
    }
    return try Claim.read(text, path: path, file: "\(side):\(path)")
  }

  private func parseSource(_ bytes: [UInt8]?, path: String, side: String) throws -> Source? {
    guard let bytes else { return nil }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw WorkbenchError.invalidFormat(file: "\(side):\(path)", line: nil, reason: "is not valid UTF-8 text")
    }
    return try Source(parsing: text, file: "\(side):\(path)")
  }

  /// Whether `path` names a claim file, as in `claims/ab/abcdef012345.md`.
  static func isClaimPath(_ path: String) -> Bool {
    let parts = path.split(separator: "/")
    return parts.count == 3 && parts[0] == "claims" && parts[2].hasSuffix(".md")
  }

  /// Whether `path` names a source's metadata file, `sources/SLUG/source.yml`.
  static func isSourceMetadataPath(_ path: String) -> Bool {
    let parts = path.split(separator: "/")
    return parts.count == 3 && parts[0] == "sources" && parts[2] == "source.yml"
  }
}
