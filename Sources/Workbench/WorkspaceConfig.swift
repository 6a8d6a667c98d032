import Foundation
import Yams

/// The workspace's own settings, kept in `.vet/config.yml`: the format version
/// first, then the status scale.
public struct WorkspaceConfig: Hashable, Sendable {
  /// The format this vet reads and writes.
  public static let currentFormat = 1
  /// Where the config lives in the workspace.
  public static let path = ".vet/config.yml"

  public var format: Int
  /// Statuses in order; the first is the one new claims get.
  public var scale: [String]
  /// The desk's base URL for published checks (`publication-url:`): a ClaimReview's `url` is built on it.
  public var publicationURL: String?
  /// How statuses are published as ClaimReview ratings (`ratings:`), by status; see `rating(for:)`.
  public var ratings: [String: Rating] = [:]

  /// A ClaimReview rating: the verdict's text, and optionally a value from 1 (worst) to 5 (best).
  public struct Rating: Hashable, Sendable {
    public var name: String
    public var value: Int?

    public init(name: String, value: Int? = nil) {
      self.name = name
      self.value = value
    }
  }

  /// The ratings of the default scale, used for any status the config does not map.
  public static let defaultRatings: [String: Rating] = [
    "confirmed": Rating(name: "Confirmed", value: 5), "disputed": Rating(name: "Disputed", value: 3),
    "false": Rating(name: "False", value: 1), "unverifiable": Rating(name: "Unverifiable"),
    "unverified": Rating(name: "Unverified"),
  ]

  /// How `status` is published: the config's mapping, else the default scale's, else the status itself.
  public func rating(for status: String) -> Rating {
    ratings[status] ?? Self.defaultRatings[status] ?? Rating(name: status)
  }

  /// The default scale: unverified (initial), confirmed, disputed, false, unverifiable.
  public static let defaultScale = ["unverified", "confirmed", "disputed", "false", "unverifiable"]

  public init(format: Int = WorkspaceConfig.currentFormat, scale: [String] = WorkspaceConfig.defaultScale) {
    self.format = format
    self.scale = scale
  }

  /// The status a new claim starts with.
  public var initialStatus: String { scale.first ?? "unverified" }

  /// Reads the config, checking the format version before anything else.
  /// - Throws: `WorkbenchError.unsupportedFormat` for a newer or unknown version,
  ///   `WorkbenchError.invalidFormat` for anything malformed.
  public init(parsing text: String) throws {
    if let simple = Self.simpleForm(text) {
      self = simple
      return
    }
    try self.init(parsingYAML: text)
  }

  /// Reads the config with the YAML parser, whatever its layout.
  init(parsingYAML text: String) throws {
    let file = WorkspaceConfig.path
    // The version is read line by line first so that a newer format, whatever
    // else it changed, still gets a clear message.
    var versionText: String?
    for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.hasPrefix("format:") {
        versionText = String(trimmed.dropFirst("format:".count)).trimmingCharacters(in: .whitespaces)
        guard let v = versionText, let number = Int(v) else {
          throw WorkbenchError.unsupportedFormat(file: file, found: versionText ?? "", supported: Self.currentFormat)
        }
        guard number <= Self.currentFormat, number >= 1 else {
          throw WorkbenchError.unsupportedFormat(file: file, found: v, supported: Self.currentFormat)
        }
        _ = n
        break
      }
    }
    guard versionText != nil else {
      throw WorkbenchError.invalidFormat(file: file, line: 1, reason: "no 'format:' version; is this a vet workspace?")
    }
    let map = try YAMLMap.parse(text, file: file)
    format = try map.int("format") ?? Self.currentFormat
    let statuses = try map.strings("scale")
    if map.value("scale") != nil {
      guard !statuses.isEmpty else { throw map.fail(map.value("scale"), "'scale' must list at least one status") }
      for s in statuses where !Self.isValidStatusName(s) {
        throw map.fail(map.value("scale"), "status '\(Terminal.escape(s))' must be lowercase letters, digits and '-'")
      }
      guard Set(statuses).count == statuses.count else {
        throw map.fail(map.value("scale"), "'scale' lists a status twice")
      }
      scale = statuses
    } else {
      scale = Self.defaultScale
    }
    publicationURL = try map.string("publication-url")
    for rating in try map.maps("ratings") {
      let status = try rating.requiredString("status")
      let value = try rating.int("value")
      if let value, !(1...5).contains(value) {
        throw rating.fail(rating.value("value"), "a rating's value must be 1 (worst) to 5 (best)")
      }
      ratings[status] = Rating(name: try rating.requiredString("name"), value: value)
    }
  }

  /// The config when it has the layout `rendered()` writes (comment lines,
  /// `format: N`, `scale:` and a block list of valid status names), read
  /// without a YAML parser; nil for any other text, which `init(parsingYAML:)`
  /// reads and reports on.
  ///
  /// Every command reads the config, and starting Yams (with Foundation's
  /// character sets) for it cost about 1 ms of each.
  static func simpleForm(_ text: String) -> WorkspaceConfig? {
    func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
    var format: Int?
    var scale: [String]?
    var inScale = false
    for line in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
      // Blank and comment lines end nothing in YAML, not even the list.
      if line.isEmpty || line.first == UInt8(ascii: "#") { continue }
      if inScale, line.starts(with: "  - ".utf8) {
        let name = String(decoding: line.dropFirst(4), as: UTF8.self)
        guard isValidStatusName(name) else { return nil }
        scale?.append(name)
        continue
      }
      inScale = false
      if format == nil, line.starts(with: "format: ".utf8) {
        let digits = line.dropFirst("format: ".utf8.count)
        guard (1...4).contains(digits.count), digits.first != UInt8(ascii: "0"), digits.allSatisfy(isDigit) else {
          return nil
        }
        format = Int(String(decoding: digits, as: UTF8.self))
      } else if scale == nil, line.elementsEqual("scale:".utf8) {
        scale = []
        inScale = true
      } else {
        return nil
      }
    }
    guard let format, (1...currentFormat).contains(format), let scale, !scale.isEmpty, Set(scale).count == scale.count
    else { return nil }
    return WorkspaceConfig(format: format, scale: scale)
  }

  static func isValidStatusName(_ s: String) -> Bool {
    !s.isEmpty && s.count <= 32
      && s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
  }

  /// The config file text.
  public func rendered() -> String {
    """
    # vet workspace configuration. `format` must stay the first field.
    format: \(format)
    # Verification statuses, in order; the first is given to new claims.
    # Add your desk's own (lowercase letters, digits, '-') and commit.
    scale:
    \(scale.map { "  - \($0)" }.joined(separator: "\n"))

    """
  }
}
