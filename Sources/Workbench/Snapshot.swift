import Foundation
import GitKit
import Reporting

/// The workspace as one commit has it: every read goes through here, and what
/// it returns is always the commit's (a working file is read only when it holds the same bytes).
struct Snapshot {
  let repo: Repository
  /// The commit read from; nil before the first commit.
  let commit: ObjectID?
  let tree: Tree?

  init(repo: Repository, commit: ObjectID?) throws {
    self.repo = repo
    self.commit = commit
    if let commit {
      tree = try repo.tree(try repo.commit(commit).tree)
    } else {
      tree = nil
    }
  }

  /// The blob id at `path`, or nil when there is no file there.
  func blobID(_ path: String) throws -> ObjectID? {
    guard let tree, let entry = try tree.entry(atPath: path), entry.mode != .tree else { return nil }
    return entry.id
  }

  /// The bytes at `path`, or nil when there is no file there.
  func data(_ path: String) throws -> [UInt8]? {
    guard let id = try blobID(path) else { return nil }
    return try repo.blob(id)
  }

  /// The text at `path`, which must be UTF-8.
  func text(_ path: String) throws -> String? {
    guard let bytes = try data(path) else { return nil }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw WorkbenchError.invalidFormat(file: path, line: nil, reason: "is not valid UTF-8 text")
    }
    return text
  }

  /// The entries of the folder at `path` ("" for the top), or [] when there is none.
  func entries(_ path: String) throws -> [TreeEntry] {
    guard let tree else { return [] }
    if path.isEmpty { return tree.entries }
    guard let entry = try tree.entry(atPath: path), entry.mode == .tree else { return [] }
    return try repo.tree(entry.id).entries
  }

  // MARK: - Workspace objects

  func config() throws -> WorkspaceConfig {
    guard let text = try text(WorkspaceConfig.path) else {
      throw WorkbenchError.invalidFormat(
        file: WorkspaceConfig.path, line: nil, reason: "is missing; this repository is not a vet workspace")
    }
    return try WorkspaceConfig(parsing: text)
  }

  /// Every claim id, from the sharded folders (a file in another shard than its name's is not a claim).
  func claimIDs() throws -> [String] {
    try entries("claims").filter { $0.mode == .tree }.flatMap { shard in
      try repo.tree(shard.id).entries.compactMap { entry -> String? in
        guard entry.name.hasSuffix(".md"), entry.name.hasPrefix(shard.name) else { return nil }
        return String(entry.name.dropLast(3))
      }
    }
  }

  /// The full claim id that `prefix` names; an alias (a claim linked into
  /// another) names the claim it was linked into.
  /// - Throws: `.notFound` or `.ambiguous` (listing the matches).
  func resolveClaimID(_ prefix: String) throws -> String {
    try followingLinks(try resolveClaimFileID(prefix))
  }

  /// The claim an alias stands for, through any chain of links; `id` itself when it is a claim.
  /// - Throws: `.invalidFormat` for links that go round in a circle.
  func followingLinks(_ id: String) throws -> String {
    var id = id
    var seen: Set<String> = [id]
    while let text = try text(Claim.path(for: id)), text.contains("\nlinked: ") {
      let claim = try Claim.read(text, path: Claim.path(for: id))
      guard claim.isAlias, let target = claim.linked else { return id }
      guard seen.insert(target).inserted else {
        throw WorkbenchError.invalidFormat(
          file: Claim.path(for: id), line: Claim.line(of: "linked", in: text),
          reason: "links in a circle back to claim \(target); set 'linked:' to the claim that holds its log")
      }
      id = target
    }
    return id
  }

  /// The full id of the claim file `prefix` names, an alias's own.
  /// - Throws: `.notFound` or `.ambiguous` (listing the matches).
  func resolveClaimFileID(_ prefix: String) throws -> String {
    let wanted = prefix.lowercased()
    guard Identifier.isHexPrefix(wanted) else {
      throw WorkbenchError.invalidArgument(
        name: "claim id",
        reason: "'\(Terminal.escape(prefix))' is not a claim id (hexadecimal digits, as `vet claim list` shows)")
    }
    let candidates: [String]
    if wanted.count >= 2 {
      candidates = try entries("claims/" + wanted.prefix(2)).compactMap { entry in
        entry.name.hasSuffix(".md") ? String(entry.name.dropLast(3)) : nil
      }
    } else {
      candidates = try claimIDs()
    }
    let matches = candidates.filter { $0.hasPrefix(wanted) }.sorted()
    if matches.isEmpty { throw WorkbenchError.notFound(kind: "claim", id: Terminal.escape(prefix)) }
    if matches.count > 1 {
      if let exact = matches.first(where: { $0 == wanted }) { return exact }
      throw WorkbenchError.ambiguous(kind: "claim", prefix: prefix, matches: matches)
    }
    return matches[0]
  }

  func claim(id: String) throws -> Claim {
    let path = Claim.path(for: id)
    guard let text = try text(path) else { throw WorkbenchError.notFound(kind: "claim", id: id) }
    return try Claim.read(text, path: path)
  }

  /// The claim `id`, its file's bytes taken from the working tree when they are HEAD's.
  ///
  /// For a snapshot of HEAD read in bulk (an ingest rewriting hundreds of
  /// claims): the working file is almost always the committed blob, and
  /// reading it is cheaper than inflating the blob from the pack. Any other
  /// file content is ignored, so the claim is the commit's.
  func claimPreferringWorkingFile(id: String) throws -> Claim {
    try claimsPreferringWorkingFiles(ids: [id])[0].get()
  }

  /// `claimPreferringWorkingFile` for many claims, read and parsed on all
  /// cores; each claim's outcome in the order of `ids`.
  func claimsPreferringWorkingFiles(ids: [String]) throws -> [Result<Claim, any Error>] {
    let paths = ids.map(Claim.path(for:))
    let blobs = try paths.map { try blobID($0) }
    let found = blobs.enumerated().compactMap { k, blob in blob.map { (k: k, id: $0) } }
    let bytes = try repo.blobs(found.map { ($0.id, paths[$0.k]) })
    var texts: [Result<String, any Error>] = ids.indices.map {
      .failure(WorkbenchError.notFound(kind: "claim", id: ids[$0]))
    }
    for ((k, _), data) in zip(found, bytes) {
      texts[k] =
        String(validating: data, as: UTF8.self).map { .success($0) }
        ?? .failure(WorkbenchError.invalidFormat(file: paths[k], line: nil, reason: "is not valid UTF-8 text"))
    }
    let parsed = texts
    return Parallel.map(ids.count, grain: 16) { k in
      parsed[k].flatMap { text in Result { try Claim.read(text, path: paths[k]) } }
    }
  }

  func sourceSlugs() throws -> [String] {
    try entries("sources").filter { $0.mode == .tree }.map(\.name)
  }

  func source(slug: String) throws -> Source? {
    let path = Source.folder(slug) + "source.yml"
    guard let text = try text(path) else { return nil }
    return try Source(parsing: text, file: path)
  }

  func sources() throws -> [Source] {
    try sourceSlugs().compactMap { try source(slug: $0) }
  }
}
