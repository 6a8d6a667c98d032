import Foundation
import GitKit

/// vet's JSON Lines exchange format: one JSON object per line, each with a `type`.
///
/// - `header` (first line): `format` (1), `commit` (the commit exported),
///   `claims` (how many claim lines follow) and `lines` (how many lines
///   follow in all), so a truncated file is noticed.
/// - `config`: `path` and `text` of the workspace config.
/// - `source`: `slug`, `path` and `text` of its metadata file, `metadata`
///   (`title`, `outlet`, `url`, `published`, `reliability`, `byline`), and
///   `versions`, each `number`, `path` and `text`.
/// - `claim`: `id`, `path`, `text` (the claim file, byte for byte) and
///   `claim` (the object `vet claim show --json` prints, without commits).
/// - `evidence`: `path` and `base64` of an evidence file a claim's log cites.
///
/// Every file travels whole, so an import writes the same files: the round
/// trip is lossless by construction, and the parsed objects are for scripts.
struct JSONLExport {
  static let format = 1

  let snapshot: Snapshot
  let repo: Repository
  /// Whether a filter selected the claims: then only the sources and evidence they cite go along.
  let filtered: Bool

  func write(_ claims: [Claim], write: (String) -> Void) throws -> ExportSummary {
    var lines: [String] = []
    let config = try snapshot.text(WorkspaceConfig.path) ?? ""
    lines.append(Self.line(["type": "config", "path": WorkspaceConfig.path, "text": config]))
    let slugs = filtered ? Set(claims.flatMap { $0.appearances.map(\.source) }).sorted() : try snapshot.sourceSlugs()
    var sources = 0
    for slug in slugs {
      let path = Source.folder(slug) + "source.yml"
      guard let text = try snapshot.text(path) else { continue }
      let source = try Source(parsing: text, file: path)
      var versions: [[String: Any]] = []
      for version in source.versions {
        let versionPath = Source.textPath(slug: slug, version: version.number)
        guard let body = try snapshot.text(versionPath) else { continue }
        versions.append(["number": version.number, "path": versionPath, "text": body])
      }
      var metadata: [String: Any] = [:]
      for (key, value) in [
        ("title", source.title), ("outlet", source.outlet), ("url", source.url),
        ("published", source.published.map(ISODate.format)), ("reliability", source.reliability),
        ("byline", source.byline),
      ] {
        if let value { metadata[key] = value }
      }
      lines.append(
        Self.line([
          "type": "source", "slug": slug, "path": path, "text": text, "metadata": metadata, "versions": versions,
        ]))
      sources += 1
    }
    // Aliases (claims linked into others) travel with the claims they point to, so their ids still resolve.
    var ids = claims.map(\.id)
    var seen = Set(ids)
    for claim in claims {
      for alias in claim.aliases where seen.insert(alias).inserted { ids.append(alias) }
    }
    if !filtered {
      for id in try snapshot.claimIDs() where seen.insert(id).inserted { ids.append(id) }
    }
    var evidence = Set<String>()
    var claimLines = 0
    for id in ids {
      let path = Claim.path(for: id)
      guard let text = try snapshot.text(path) else { continue }
      let claim = try Claim.read(text, path: path)
      evidence.formUnion(claim.log.flatMap(\.evidence).filter { $0.hasPrefix("evidence/") })
      let object = try JSONSerialization.jsonObject(with: Data(ClaimJSON.encode(claim).utf8))
      lines.append(Self.line(["type": "claim", "id": id, "path": path, "text": text, "claim": object]))
      claimLines += 1
    }
    for path in evidence.sorted() {
      guard let bytes = try snapshot.data(path) else { continue }
      lines.append(Self.line(["type": "evidence", "path": path, "base64": Data(bytes).base64EncodedString()]))
    }
    write(
      Self.line([
        "type": "header", "format": Self.format, "commit": snapshot.commit?.hex ?? "",
        "claims": claimLines, "lines": lines.count,
      ]))
    lines.forEach(write)
    return ExportSummary(claims: claimLines, sources: sources, skipped: 0)
  }

  /// One object as a line: keys sorted, slashes and non-ASCII as they are.
  static func line(_ object: [String: Any]) -> String {
    let data =
      (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}
