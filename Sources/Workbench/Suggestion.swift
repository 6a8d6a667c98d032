import Foundation
import Yams

/// A suggestion that a claim may restate another one, with why vet thinks so.
///
/// Kept in the claim file's front matter under `suggestions:`. The analyst
/// accepts one with `vet claim link ID --to OTHER` or rejects it with
/// `vet claim dismiss ID OTHER`; a dismissed pair is remembered in the
/// claim's `dismissed:` list so that it is never suggested again.
public struct Suggestion: Hashable, Sendable, Codable {
  /// The id of the claim this one may restate.
  public var claim: String
  /// Why, for example "same event, figure 40 → 43".
  public var reason: String

  public init(claim: String, reason: String) {
    self.claim = claim
    self.reason = reason
  }

  /// The fields of a suggestion in a claim file.
  static let fields = ["claim", "reason"]

  init(yaml map: YAMLMap) throws {
    claim = try map.requiredString("claim")
    reason = try map.string("reason") ?? ""
  }

  var yaml: Node {
    var b = YAMLBuilder()
    b.set("claim", claim)
    b.set("reason", reason)
    return b.node
  }
}
