import Foundation
import Testing

@testable import Workbench

@Suite("Ingest of a copy of a recorded source follows the alignment vet diff makes")
struct DerivedCopyTests {
  static let wire = """
    Missile strike kills 12 in Kharkiv

    KHARKIV (Meridian Wire) — Police in Kharkiv said 12 people were killed in a missile strike on the city's northern bus station on Monday morning.

    The regional governor said 31 people were wounded and that rescuers were still searching the rubble of a shopping arcade next to the station.

    Power was cut to much of the district after the strike damaged a substation, the city's utility company said.

    Schools in the district will stay closed on Tuesday, the education department said.
    """

  /// The same story rewritten by another outlet, moving the strike to another city in one sentence.
  static let copy = """
    Twelve dead as missile hits bus station

    Twelve people died on Monday morning when a missile struck the northern bus station in Dnipro, police said.

    Thirty-one people were hurt, according to the regional governor, who said rescue teams were still digging through the ruins of a shopping arcade beside the station.

    The utility company said the strike had knocked out a substation, leaving much of the district without electricity.

    Schools in the area will remain shut on Tuesday, according to the education department.
    """

  @Test("a rewrite's sentences become appearances; the one naming another city is kept and flagged for review")
  func rewriteWithChangedPlace() throws {
    let f = try Fixture()
    let first = try f.workspace.addSource(Array(Self.wire.utf8), name: "wire", metadata: SourceMetadata(slug: "wire"))
    #expect(first.created.count == 4)
    let copy = try f.workspace.addSource(Array(Self.copy.utf8), name: "copy", metadata: SourceMetadata(slug: "copy"))
    #expect(
      copy.created.isEmpty, "every sentence of the copy is aligned with the wire's: \(copy.created.map(\.statement))")
    #expect(copy.linked.count == 4)
    let struck = try #require(copy.linked.first { $0.0.statement.contains("Kharkiv") }?.0)
    #expect(struck.review.contains { $0.contains("Dnipro") && $0.contains("copy@1") }, "\(struck.review)")
    #expect(copy.linked.filter { !$0.0.review.isEmpty }.count == 1, "only the changed sentence is flagged")
  }

  @Test("the same sentences in an unrelated article about another city stay claims of their own")
  func unrelatedArticle() throws {
    let f = try Fixture()
    _ = try f.workspace.addSource(Array(Self.wire.utf8), name: "wire", metadata: SourceMetadata(slug: "wire"))
    let other = """
      Police in Odesa said 12 people were killed in a missile strike on the city's port on Monday morning.
      """
    let result = try f.workspace.addSource(Array(other.utf8), name: "odesa", metadata: SourceMetadata(slug: "odesa"))
    #expect(result.created.count == 1)
    #expect(result.linked.isEmpty)
  }
}
