import Foundation
import Reporting

/// How the reporting changed between two sides (sources, versions, revisions
/// or files), in the shape `vet diff --json` prints.
///
/// `{ "a": {"source", "version", "sentences"}, "b": {…}, "pairs": […], "summary": {…} }`:
/// each pair names sentence indices of `a` and `b`, its relation and typed changes.
public struct SourceDiff: Codable, Sendable {
  /// One side of the comparison: where its text came from, and its sentences.
  public struct Side: Codable, Sendable, Hashable {
    /// The source's slug, or the file's path as given.
    public var source: String
    /// The source's version; nil for a file.
    public var version: Int?
    /// The commit the text was read at, for a side named `REV:SLUG`.
    public var revision: String?
    /// The path, for a side read from a file.
    public var file: String?
    /// The source's title, when it has one.
    public var title: String?
    /// How to name this side to a person: "wire@2", "HEAD~3:wire@1", "copy.txt".
    public var label: String
    public var sentences: [Sentence]

    /// Creates a side.
    public init(
      source: String, version: Int?, revision: String? = nil, file: String? = nil, title: String? = nil, label: String,
      sentences: [Sentence]
    ) {
      self.source = source
      self.version = version
      self.revision = revision
      self.file = file
      self.title = title
      self.label = label
      self.sentences = sentences
    }

    private enum CodingKeys: String, CodingKey {
      case source, version, revision, file, title, label, sentences
    }

    /// Encodes every contract key, `version` as null for a file, so scripts can rely on it being there.
    public func encode(to encoder: Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(source, forKey: .source)
      try c.encode(version, forKey: .version)
      try c.encodeIfPresent(revision, forKey: .revision)
      try c.encodeIfPresent(file, forKey: .file)
      try c.encodeIfPresent(title, forKey: .title)
      try c.encode(label, forKey: .label)
      try c.encode(sentences, forKey: .sentences)
    }
  }

  /// One sentence of a side: its position, text and kind.
  public struct Sentence: Codable, Sendable, Hashable {
    /// 0-based position in the side's text; pairs refer to it.
    public var index: Int
    public var text: String
    /// `claim`, `context`, `headline`, `dateline`, `credit` or `boilerplate`.
    public var kind: SentenceKind

    /// Creates a sentence.
    public init(index: Int, text: String, kind: SentenceKind) {
      self.index = index
      self.text = text
      self.kind = kind
    }
  }

  public var a: Side
  public var b: Side
  /// Aligned sentences in B's reading order, removed ones where they stood in A.
  public var pairs: [AlignedPair]
  public var summary: DiffSummary

  /// Creates a diff.
  public init(a: Side, b: Side, pairs: [AlignedPair], summary: DiffSummary) {
    self.a = a
    self.b = b
    self.pairs = pairs
    self.summary = summary
  }

  /// The text of the sentences `indices` of `side`, joined as one passage.
  public func text(of indices: [Int], in side: Side) -> String {
    indices.compactMap { i in side.sentences.indices.contains(i) ? side.sentences[i].text : nil }.joined(separator: " ")
  }
}
