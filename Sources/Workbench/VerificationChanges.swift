import Foundation

/// What changed in a workspace's verification work between an earlier commit
/// and HEAD, in the shape `vet diff --since … --json` prints.
///
/// Computed from the claim and source files at both commits, so it holds
/// whichever way the work arrived: vet commands, merges from other clones or
/// hand edits. Each item has the commit that recorded it where one did.
public struct VerificationChanges: Codable, Sendable {
  /// One end of the range.
  public struct Endpoint: Codable, Sendable, Hashable {
    /// What the analyst gave (`HEAD~3`, `2026-11-20`); nil for HEAD.
    public var given: String?
    /// The commit; nil when the date given is before the workspace's first commit.
    public var commit: String?
    /// When the commit was made.
    public var date: Date?
  }

  /// A claim that did not exist at the start.
  public struct ClaimAdded: Codable, Sendable, Hashable {
    public var claim: String
    public var statement: String
    /// The status it was created with.
    public var status: String
    public var source: String?
    public var version: Int?
    public var commit: String?
    public var author: String?
    public var date: Date?
  }

  /// One change of a claim's status: a `vet mark`, or an edit outside vet.
  public struct StatusChange: Codable, Sendable, Hashable {
    public var claim: String
    public var statement: String
    public var from: String
    public var to: String
    public var note: String?
    public var evidence: [String]
    public var commit: String?
    /// Nil for a status changed by hand, outside vet's log.
    public var author: String?
    public var date: Date?
    /// The log entry's id; nil for a change made by hand.
    public var entry: String?
  }

  /// A verification note added to a claim's log.
  public struct NoteAdded: Codable, Sendable, Hashable {
    public var claim: String
    public var statement: String
    public var note: String
    public var evidence: [String]
    public var commit: String?
    public var author: String
    public var date: Date
    public var entry: String
  }

  /// A claim found again in a source or version, with what drifted.
  public struct AppearanceAdded: Codable, Sendable, Hashable {
    public var claim: String
    public var statement: String
    public var source: String
    public var version: Int?
    /// "quantity: at least 40 → 43", as the claim's log records it.
    public var drift: [String]
    public var commit: String?
    public var author: String?
    public var date: Date?
    public var entry: String?
  }

  /// A version of a source recorded in the range.
  public struct SourceVersionAdded: Codable, Sendable, Hashable {
    public var source: String
    public var title: String?
    public var version: Int
    public var sentences: Int
    public var commit: String?
    public var author: String
    public var date: Date
  }

  /// A claim whose file was removed (by hand: vet never removes claims).
  public struct ClaimRemoved: Codable, Sendable, Hashable {
    public var claim: String
    public var statement: String
  }

  /// The start of the range: the revision given, or the last commit before the date given.
  public var since: Endpoint
  /// The end of the range: HEAD.
  public var head: Endpoint
  /// Commits in the range.
  public var commits: Int
  public var claimsAdded: [ClaimAdded] = []
  public var statusChanges: [StatusChange] = []
  public var notes: [NoteAdded] = []
  public var appearances: [AppearanceAdded] = []
  /// First versions of sources new in the range.
  public var sourcesAdded: [SourceVersionAdded] = []
  /// New versions of sources that existed before.
  public var sourcesUpdated: [SourceVersionAdded] = []
  public var claimsRemoved: [ClaimRemoved] = []

  /// Whether nothing changed in the range.
  public var isEmpty: Bool {
    claimsAdded.isEmpty && statusChanges.isEmpty && notes.isEmpty && appearances.isEmpty && sourcesAdded.isEmpty
      && sourcesUpdated.isEmpty && claimsRemoved.isEmpty
  }
}
