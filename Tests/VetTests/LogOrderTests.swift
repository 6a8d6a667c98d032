import Foundation
import TestSupport
import Testing

@Suite("vet log of the workspace: newest first, a commit always before its parents")
struct LogOrderTests {
  @Test("commits made in the same second are listed newest first, as git log --topo-order does")
  func sameSecond() throws {
    let folder = TemporaryDirectory("vet-log-order")
    var desk = Desk(folder.file("ws"))
    for role in ["AUTHOR", "COMMITTER"] { desk.environment["GIT_\(role)_DATE"] = "2026-12-07T10:00:00Z" }
    try desk.vet(["init", desk.path], in: folder.path)
    let first = try desk.addClaim("The ferry sank at 03:40 on Friday")
    let second = try desk.addClaim("Rescuers pulled 212 people from the water")
    try desk.ok("note", first, "Harbour log checked")
    try desk.ok("confirm", second)
    let expected = try desk.git("log", "--topo-order", "--format=%H").split(separator: "\n").map(String.init)
    #expect(expected.count == 5)
    let out = try desk.ok("log", "-n", "3", "--json")
    let entries = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]] ?? []
    #expect(entries.compactMap { $0["commit"] as? String } == Array(expected.prefix(3)))
    let all = try JSONSerialization.jsonObject(with: Data(try desk.ok("log", "--json").utf8)) as? [[String: Any]] ?? []
    #expect(all.compactMap { $0["commit"] as? String } == expected)
    #expect((all.last?["subject"] as? String)?.hasPrefix("Create") == true, "\(all.last ?? [:])")
  }
}
