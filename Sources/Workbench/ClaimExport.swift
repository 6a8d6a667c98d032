import Foundation
import GitKit

/// The formats `vet export` writes.
public enum ExportFormat: String, CaseIterable, Sendable {
  /// schema.org ClaimReview as JSON-LD, one per claim with a final status.
  case claimreview
  /// One row per claim under `CSVExport.header`.
  case csv
  /// vet's own exchange format: every file a claim needs, losslessly (`vet import` reads it).
  case jsonl
}

/// What `vet export` wrote.
public struct ExportSummary: Sendable {
  public var claims: Int
  public var sources: Int
  /// Claims left out of a ClaimReview export because their status is the initial one.
  public var skipped: Int
}

extension Workspace {
  /// Writes the claims `filter` selects, as of `asOf` (HEAD when nil), in `format`, through `write`.
  ///
  /// - Parameters:
  ///   - publicationURL: the desk's base URL for ClaimReview `url`s; overrides `publication-url` in the config.
  ///   - write: receives the output a piece at a time.
  /// - Throws: `.invalidArgument` when a ClaimReview export has no publication URL, naming both ways to give one.
  @discardableResult
  public func export(
    _ format: ExportFormat, filter: ClaimFilter = ClaimFilter(), asOf: String? = nil, publicationURL: String? = nil,
    write: (String) -> Void
  ) throws -> ExportSummary {
    let (then, head) = try snapshots(asOf: asOf)
    let snapshot = then ?? head
    let config = try snapshot.config()
    var base: String?
    if format == .claimreview {
      guard let url = publicationURL ?? config.publicationURL, !url.isEmpty else {
        throw WorkbenchError.invalidArgument(
          name: "--publication-url",
          reason:
            "a ClaimReview needs the URL the desk publishes its checks under: set 'publication-url:' in "
            + "\(WorkspaceConfig.path), or give --publication-url URL")
      }
      if let problem = Self.evidenceURLProblem(url) {
        throw WorkbenchError.invalidArgument(name: "--publication-url", reason: "'\(Terminal.escape(url))' \(problem)")
      }
      base = url
    }
    var ids: [String] = []
    try forEachClaim(filter, withJSON: false, asOf: asOf) { ids.append($0.id) }
    let read = try snapshot.claimsPreferringWorkingFiles(ids: ids)
    let claims = try read.map { try $0.get() }
    var sources: [String: Source] = [:]
    for slug in Set(claims.flatMap { $0.appearances.map(\.source) }) {
      sources[slug] = try snapshot.source(slug: slug)
    }
    var summary = ExportSummary(claims: 0, sources: 0, skipped: 0)
    switch format {
    case .jsonl:
      summary = try JSONLExport(snapshot: snapshot, repo: repo, filtered: !filter.selectsAll)
        .write(claims, write: write)
    case .csv:
      write(CSVExport.headerLine)
      for claim in claims { write(CSVExport.row(claim)) }
      summary.claims = claims.count
    case .claimreview:
      let review = ClaimReviewExport(config: config, base: base ?? "", sources: sources)
      let published = claims.filter { $0.status != config.initialStatus }
      try review.write(published, write: write)
      summary.claims = published.count
      summary.skipped = claims.count - published.count
    }
    summary.sources = format == .jsonl ? summary.sources : sources.count
    return summary
  }
}
