import Foundation
import GitKit

/// What `vet claim edit` changes; nil or empty leaves a field as it is.
public struct ClaimEdit: Sendable {
  public var statement: String?
  /// Credibility 1–6.
  public var credibility: Int?
  public var addTags: [String]
  public var removeTags: [String]

  public init(statement: String? = nil, credibility: Int? = nil, addTags: [String] = [], removeTags: [String] = []) {
    self.statement = statement
    self.credibility = credibility
    self.addTags = addTags
    self.removeTags = removeTags
  }

  var isEmpty: Bool { statement == nil && credibility == nil && addTags.isEmpty && removeTags.isEmpty }
}

extension Workspace {
  /// Edits a claim's statement, credibility or tags, recording what changed in
  /// its log (action `edit`) and clearing any "needs review" flag: this is how
  /// an analyst settles a conflict a merge flagged.
  ///
  /// - Throws: `.invalidArgument` for an empty edit, an empty statement, a
  ///   credibility outside 1–6 or a bad tag; `.notFound`, `.ambiguous`, `.uncommittedEdit`.
  public func editClaim(_ prefix: String, _ edit: ClaimEdit) throws -> Claim {
    guard !edit.isEmpty else {
      throw WorkbenchError.invalidArgument(
        name: "vet claim edit", reason: "nothing to change; give --statement, --credibility, --tag or --untag")
    }
    let statement = edit.statement.map(\.trimmedWhitespace)
    if let statement, statement.isEmpty {
      throw WorkbenchError.invalidArgument(name: "--statement", reason: "the claim's statement is empty")
    }
    if let credibility = edit.credibility, !(1...6).contains(credibility) {
      throw WorkbenchError.invalidArgument(
        name: "--credibility",
        reason: "\(credibility) is not a grade 1–6 (1 confirmed by other sources … 6 cannot be judged)")
    }
    try (edit.addTags + edit.removeTags).forEach { try Self.validateTag($0) }
    var result: Claim?
    let entryID = Identifier.newEntryID()
    try commit { snapshot in
      var claim = try snapshot.claim(id: try snapshot.resolveClaimID(prefix))
      var changes: [String] = []
      if let statement, statement != claim.statement {
        changes.append("statement: '\(claim.statement)' → '\(statement)'")
        claim.statement = statement
      }
      if let credibility = edit.credibility, credibility != claim.credibility {
        changes.append("credibility: \(claim.credibility.map(String.init) ?? "none") → \(credibility)")
        claim.credibility = credibility
      }
      for tag in edit.addTags where !claim.tags.contains(tag) {
        claim.tags.append(tag)
        changes.append("tag +\(tag)")
      }
      for tag in edit.removeTags where claim.tags.contains(tag) {
        claim.tags.removeAll { $0 == tag }
        changes.append("tag -\(tag)")
      }
      let settled = !claim.review.isEmpty
      if settled { changes.append("review settled") }
      guard !changes.isEmpty else {
        result = claim
        return nil
      }
      claim.review = []
      claim.log.append(
        LogEntry(
          id: entryID, action: .edit, author: try self.author(), date: self.clock(),
          note: changes.joined(separator: "; ")))
      result = claim
      return Operation(
        files: [claim.path: Array(try claim.rendered().utf8)],
        subject: "Edit \(claim.id.prefix(8)): \(changes.joined(separator: "; "))",
        trailers: [("Vet-Action", "edit"), ("Claim", claim.id), ("Entry", entryID)])
    }
    guard let result else { throw WorkbenchError.contention(attempts: 0) }
    return result
  }
}
