import Foundation
import GitKit
import Reporting

/// What a pull did about claims that two clones recorded apart for one assertion.
public struct TwinLinks: Codable, Sendable, Equatable {
  /// Each surviving claim and the ids linked into it: the same sentence of the
  /// same text, ingested in both clones.
  public var linked: [String: [String]] = [:]
  /// Each claim that arrived and the claim of this clone it may restate, for the analyst to link or dismiss.
  public var suggested: [String: String] = [:]

  public var isEmpty: Bool { linked.isEmpty && suggested.isEmpty }
}

extension Workspace {
  /// After a merge of work done apart, links the claims both sides ingested
  /// from the same text and suggests those that restate one another, as one commit.
  ///
  /// Only claims that quote a source, added on both sides since `base`, can
  /// be twins: a claim either side had before was there for the other's ingest to match.
  /// - A claim that arrived and one of ours are *twins* when they quote the
  ///   same sentence word for word from source versions of identical text (the
  ///   same article ingested twice, under one source id or two): they are
  ///   linked, the claim with the smaller id surviving, so that whichever
  ///   clone pulls first, both end with the same claims.
  /// - Otherwise, a claim that arrived whose statement the identity rules
  ///   (`ClaimIdentity`) take for the same claim as one of ours, or for a
  ///   revision of its figure, gets a suggestion naming it.
  /// Pairs an analyst dismissed are left alone. Nothing is committed when nothing is found.
  func linkTwins(base: ObjectID, ours: ObjectID, theirs: ObjectID) throws -> TwinLinks {
    let baseTree = try repo.commit(base).tree
    let addedOurs = try addedClaimIDs(from: baseTree, to: repo.commit(ours).tree)
    let addedTheirs = try addedClaimIDs(from: baseTree, to: repo.commit(theirs).tree)
    guard !addedOurs.isEmpty, !addedTheirs.isEmpty else { return TwinLinks() }
    var found = TwinLinks()
    let (author, date) = (try self.author(), clock())
    try commit { snapshot in
      found = TwinLinks()
      var claims: [String: Claim] = [:]
      for id in addedOurs + addedTheirs {
        let claim = try snapshot.claim(id: id)
        // Claims that quote reporting: one typed by hand has no sentence of an article to compare.
        if claim.linked == nil, !claim.appearances.isEmpty { claims[id] = claim }
      }
      let ourClaims = addedOurs.compactMap { claims[$0] }
      let theirClaims = addedTheirs.compactMap { claims[$0] }
      var texts: [String: ObjectID?] = [:]
      /// The blob of the version an appearance quotes, so that two source ids of one text compare equal.
      func textBlob(_ appearance: Appearance) throws -> ObjectID? {
        let path = Source.textPath(slug: appearance.source, version: appearance.version)
        if let known = texts[path] { return known }
        let blob = try snapshot.blobID(path)
        texts[path] = blob
        return blob
      }
      var ourQuotes: [String: [String]] = [:]
      for claim in ourClaims {
        for appearance in claim.appearances {
          guard let blob = try textBlob(appearance) else { continue }
          ourQuotes[blob.hex + "\n" + appearance.quote, default: []].append(claim.id)
        }
      }
      var groups = TwinGroups()
      var paired = Set<String>()
      for claim in theirClaims {
        for appearance in claim.appearances {
          guard let blob = try textBlob(appearance) else { continue }
          for other in ourQuotes[blob.hex + "\n" + appearance.quote] ?? []
          where other != claim.id && claims[other].map(claim.hasDismissed) == false {
            groups.join(claim.id, other)
            paired.formUnion([claim.id, other])
          }
        }
      }
      var changed: [String: Claim] = [:]
      var notes: [String] = []
      for group in groups.groups() {
        guard var survivor = claims[group[0]] else { continue }
        for id in group.dropFirst() {
          guard let absorbed = claims[id] else { continue }
          notes.append(
            Self.unite(
              &survivor, absorbing: absorbed, entryID: Identifier.newEntryID(), author: author, date: date))
          changed[id] = Self.stub(of: absorbed, linkedInto: survivor.id)
          found.linked[survivor.id, default: []].append(id)
        }
        changed[survivor.id] = survivor
      }
      // The rest: a restatement in other words, or a revised figure, is for the analyst to judge.
      var index = RestatementIndex<String>()
      for claim in ourClaims where !paired.contains(claim.id) { index.add(text: claim.statement, id: claim.id) }
      if index.count > 0 {
        for var claim in theirClaims where !paired.contains(claim.id) {
          guard let sentence = Article(text: claim.statement).sentences.first,
            let best = index.best(for: sentence), let other = claims[best.id], !claim.hasDismissed(other)
          else { continue }
          let difference = ClaimIdentity.difference(best.sentence, sentence)
          if let difference, !difference.mayBeRevision { continue }
          let reason =
            difference.map { "recorded in both clones, \($0.slot) \($0.from) → \($0.to)" }
            ?? "recorded in both clones in other words"
          if claim.suggest(other.id, reason: reason) {
            changed[claim.id] = claim
            found.suggested[claim.id] = other.id
          }
        }
      }
      guard !changed.isEmpty else { return nil }
      let linkedCount = found.linked.values.reduce(0) { $0 + $1.count }
      var subject = "Link \(linkedCount) claims recorded in both clones"
      if !found.suggested.isEmpty { subject += ", suggest \(found.suggested.count)" }
      let body = (notes + found.suggested.sorted { $0.key < $1.key }.map { "\($0.key) may restate \($0.value)" })
        .joined(separator: "\n")
      var files: [String: [UInt8]?] = [:]
      for claim in changed.values { files[claim.path] = Array(try claim.rendered().utf8) }
      return Operation(
        files: files, subject: subject, body: body,
        trailers: [("Vet-Action", "link")] + changed.keys.sorted().map { ("Claim", $0) },
        claims: Dictionary(uniqueKeysWithValues: changed.map { (Claim.path(for: $0.key), $0.value) }))
    }
    return found
  }

  /// The ids of the claim files added between two trees, in path order.
  private func addedClaimIDs(from old: ObjectID, to new: ObjectID) throws -> [String] {
    try repo.changedPaths(from: old, to: new).compactMap { change in
      guard change.old == nil, change.new != nil, WorkspaceMerge.isClaimPath(change.path) else { return nil }
      return String(change.path.split(separator: "/")[2].dropLast(3))
    }
  }
}

/// Claims joined into groups (union–find); each group lists its smallest id first.
struct TwinGroups {
  private var parent: [String: String] = [:]

  private mutating func root(_ id: String) -> String {
    var node = id
    while let next = parent[node], next != node { node = next }
    parent[id] = node
    return node
  }

  /// Puts `a` and `b` in one group.
  mutating func join(_ a: String, _ b: String) {
    if parent[a] == nil { parent[a] = a }
    if parent[b] == nil { parent[b] = b }
    let (ra, rb) = (root(a), root(b))
    if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
  }

  /// Every group of two or more, each sorted so that its smallest id comes first.
  mutating func groups() -> [[String]] {
    var byRoot: [String: [String]] = [:]
    for id in parent.keys { byRoot[root(id), default: []].append(id) }
    return byRoot.values.filter { $0.count > 1 }.map { $0.sorted() }.sorted { $0[0] < $1[0] }
  }
}
