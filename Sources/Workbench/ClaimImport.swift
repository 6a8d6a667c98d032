import Foundation
import GitKit

/// What `vet import` did.
public struct ImportResult: Codable, Sendable {
  /// Claims that were not in the workspace.
  public var added: [String] = []
  /// Claims both had, merged as `vet pull` merges them.
  public var merged: [String] = []
  /// Claims the workspace already had exactly.
  public var unchanged = 0
  public var sourcesAdded: [String] = []
  public var sourcesMerged: [String] = []
  /// Fields both sides changed differently: flagged for review, never decided silently.
  public var conflicts: [MergeConflict] = []
  /// The commit made; nil when nothing changed.
  public var commit: String?
}

/// A `vet export --format jsonl` file, read and checked whole before anything is written.
struct JSONLImport {
  struct FileLine {
    var path: String
    var bytes: [UInt8]
    var line: Int
  }

  var config: FileLine?
  var sources: [(slug: String, metadata: FileLine, source: Source, versions: [FileLine])] = []
  var claims: [(claim: Claim, file: FileLine)] = []
  var evidence: [FileLine] = []

  /// Reads `data`, named `file` in messages.
  /// - Throws: `.invalidFormat` with the line at fault; `.unsupportedFormat` for a newer export.
  init(_ data: [UInt8], file: String) throws {
    func fail(_ line: Int, _ reason: String) -> WorkbenchError {
      .invalidFormat(file: file, line: line, reason: reason)
    }
    var lines = data.split(separator: 0x0A, omittingEmptySubsequences: false)
    if lines.last?.isEmpty == true { lines.removeLast() }
    guard !lines.isEmpty else { throw fail(1, "is empty; expected a `vet export --format jsonl` file") }
    var expected: (claims: Int, lines: Int)?
    var claimLines = 0
    for (k, raw) in lines.enumerated() {
      let n = k + 1
      guard let text = String(validating: raw, as: UTF8.self) else { throw fail(n, "is not valid UTF-8 text") }
      guard let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] else {
        throw fail(n, "is not a JSON object (a truncated or damaged line?)")
      }
      let type = object["type"] as? String ?? ""
      func string(_ key: String) throws -> String {
        guard let value = object[key] as? String else { throw fail(n, "\(type) line has no '\(key)' text") }
        return value
      }
      if n == 1 {
        guard type == "header" else { throw fail(n, "does not start with a vet export header") }
        guard let format = object["format"] as? Int else { throw fail(n, "the header has no format number") }
        guard format <= JSONLExport.format else {
          throw WorkbenchError.unsupportedFormat(file: file, found: String(format), supported: JSONLExport.format)
        }
        guard let claims = object["claims"] as? Int, let count = object["lines"] as? Int else {
          throw fail(n, "the header does not say how many lines follow")
        }
        expected = (claims, count)
        continue
      }
      switch type {
      case "config":
        let text = try string("text")
        guard try string("path") == WorkspaceConfig.path else {
          throw fail(n, "config path is not \(WorkspaceConfig.path)")
        }
        do { _ = try WorkspaceConfig(parsing: text) } catch { throw fail(n, "config: \(error.localizedDescription)") }
        config = FileLine(path: WorkspaceConfig.path, bytes: Array(text.utf8), line: n)
      case "source":
        let slug = try string("slug")
        do { try Identifier.validateSlug(slug) } catch { throw fail(n, error.localizedDescription) }
        let path = Source.folder(slug) + "source.yml"
        guard try string("path") == path else { throw fail(n, "source \(slug)'s path is not \(path)") }
        let text = try string("text")
        let source: Source
        do { source = try Source(parsing: text, file: path) } catch { throw fail(n, error.localizedDescription) }
        guard source.slug == slug else { throw fail(n, "source file names '\(source.slug)', not '\(slug)'") }
        var versions: [FileLine] = []
        for version in object["versions"] as? [[String: Any]] ?? [] {
          guard let number = version["number"] as? Int, let body = version["text"] as? String,
            version["path"] as? String == Source.textPath(slug: slug, version: number)
          else { throw fail(n, "a version of source \(slug) lacks its number, path or text") }
          versions.append(
            FileLine(path: Source.textPath(slug: slug, version: number), bytes: Array(body.utf8), line: n))
        }
        sources.append((slug, FileLine(path: path, bytes: Array(text.utf8), line: n), source, versions))
      case "claim":
        let id = try string("id")
        guard Identifier.isHexPrefix(id), id.count == Identifier.claimLength else {
          throw fail(n, "'\(Terminal.escape(id))' is not a claim id")
        }
        let path = Claim.path(for: id)
        guard try string("path") == path else { throw fail(n, "claim \(id)'s path is not \(path)") }
        let text = try string("text")
        let claim: Claim
        do { claim = try Claim.read(text, path: path) } catch { throw fail(n, error.localizedDescription) }
        claims.append((claim, FileLine(path: path, bytes: Array(text.utf8), line: n)))
        claimLines += 1
      case "evidence":
        let path = try string("path")
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "evidence", parts.allSatisfy({ !$0.isEmpty && $0 != ".." && $0 != "." })
        else { throw fail(n, "'\(Terminal.escape(path))' is not an evidence path (evidence/ab/…)") }
        guard let bytes = Data(base64Encoded: try string("base64")) else { throw fail(n, "evidence is not base64") }
        evidence.append(FileLine(path: path, bytes: Array(bytes), line: n))
      default:
        throw fail(n, "unknown line type '\(Terminal.escape(type))'")
      }
    }
    if let expected, expected.lines != lines.count - 1 || expected.claims != claimLines {
      throw fail(
        lines.count,
        "the header promises \(expected.lines) lines (\(expected.claims) claims) after it, the file has "
          + "\(lines.count - 1) (\(claimLines) claims): truncated or edited")
    }
  }
}

extension Workspace {
  /// Imports a `vet export --format jsonl` file: the claims, sources and evidence
  /// the workspace lacks are written as they are; those it has are merged as
  /// `vet pull` merges them (logs as a union, conflicting fields flagged for review).
  ///
  /// The whole file is read and checked first: a malformed or truncated line is
  /// refused with its line number and nothing is written. The config is taken
  /// only into a workspace with no claims or sources yet. One commit.
  /// - Parameters:
  ///   - data: the file's bytes; `name`: what messages call it.
  /// - Throws: `.invalidFormat` (with the line) for bad input, and for a source
  ///   version or evidence file whose text differs from the workspace's.
  public func importExport(_ data: [UInt8], name: String) throws -> ImportResult {
    let input = try JSONLImport(data, file: name)
    var result = ImportResult()
    let label = "import of \(name)"
    let committed = try commit { snapshot in
      result = ImportResult()
      var files: [String: [UInt8]?] = [:]
      func differs(_ file: JSONLImport.FileLine) throws -> [UInt8]?? {
        let existing = try snapshot.data(file.path)
        return existing == file.bytes ? .none : .some(existing)
      }
      if let config = input.config, let existing = try differs(config) {
        let empty = try snapshot.claimIDs().isEmpty && snapshot.sourceSlugs().isEmpty
        if existing == nil || empty {
          files[config.path] = config.bytes
        } else {
          writeNotices.append("kept this workspace's \(WorkspaceConfig.path); the imported one differs")
        }
      }
      for (slug, metadata, source, versions) in input.sources {
        for version in versions {
          guard let existing = try differs(version) else { continue }
          guard existing == nil else {
            throw WorkbenchError.invalidFormat(
              file: name, line: version.line,
              reason: "\(version.path) differs from this workspace's; import into another workspace, "
                + "or pull from a clone so the versions are renumbered")
          }
          files[version.path] = version.bytes
        }
        guard let existing = try differs(metadata) else { continue }
        if let existing, let text = String(validating: existing, as: UTF8.self) {
          let ours = try Source(parsing: text, file: metadata.path)
          let merged = SourceMerge(theirsLabel: label).merge(base: nil, ours: ours, theirs: source)
          result.conflicts += merged.conflicts
          files[metadata.path] = try merged.source.map { Array(try $0.rendered().utf8) } ?? metadata.bytes
          result.sourcesMerged.append(slug)
        } else {
          files[metadata.path] = metadata.bytes
          result.sourcesAdded.append(slug)
        }
      }
      let merge = ClaimMerge(author: try self.author(), date: self.clock(), theirsLabel: label)
      for (claim, file) in input.claims {
        guard let existing = try differs(file) else {
          result.unchanged += 1
          continue
        }
        guard existing != nil else {
          files[file.path] = file.bytes
          if !claim.isAlias { result.added.append(claim.id) }
          continue
        }
        let ours = try snapshot.claim(id: claim.id)
        let merged = try merge.merge(base: nil, ours: ours, theirs: claim)
        result.conflicts += merged.conflicts
        files[file.path] = try merged.claim.map { Array(try $0.rendered().utf8) }
        result.merged.append(claim.id)
      }
      for file in input.evidence {
        guard let existing = try differs(file) else { continue }
        guard existing == nil else {
          throw WorkbenchError.invalidFormat(
            file: name, line: file.line, reason: "\(file.path) differs from this workspace's file of that name")
        }
        files[file.path] = file.bytes
      }
      guard !files.isEmpty else { return nil }
      let counts = "\(result.added.count) claims added, \(result.merged.count) merged"
      return Operation(
        files: files, subject: "Import \(name): \(counts)",
        body: result.conflicts.isEmpty
          ? nil : "\(result.conflicts.count) conflicting fields flagged for review (vet status lists them).",
        trailers: [("Vet-Action", "import")])
    }
    result.commit = committed?.commit
    return result
  }
}
