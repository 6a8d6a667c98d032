import Foundation
import TestSupport
import Testing

@testable import GitKit

@Suite("Fresh checkout after a clone: files in pack order, git's index in one piece, checked by the git CLI")
struct FreshCheckoutTests {
  let folder = TemporaryDirectory("fresh-checkout")

  /// A packed repository made by the git CLI: sharded files, a nested folder, an executable script.
  func makeOrigin(link: Bool = false) throws -> String {
    let dir = folder.file("origin")
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    for shard in 0..<20 {
      for n in 0..<20 {
        let name = String(format: "%02x", shard)
        _ = try folder.write(
          "origin/claims/\(name)/\(name)\(n).md", "claim \(shard) \(n)\n" + String(repeating: "line\n", count: n))
      }
    }
    _ = try folder.write("origin/sources/wire/v1.txt", "text\n")
    _ = try folder.write("origin/a.b", "sorts between a and a/\n")
    _ = try folder.write("origin/a/deep/er/file.txt", "deep\n")
    _ = try folder.write("origin/tools/run.sh", "#!/bin/sh\necho hi\n")
    try #require(chmod(dir + "/tools/run.sh", 0o755) == 0)
    if link {
      try FileManager.default.createSymbolicLink(atPath: dir + "/latest", withDestinationPath: "sources/wire/v1.txt")
    }
    for args in [["init", "-q", "-b", "main"], ["add", "."], ["commit", "-q", "-m", "start"], ["gc", "-q"]] {
      let result = try Shell.git(args, in: dir)
      try #require(result.succeeded, "git \(args): \(result.stderr)")
    }
    return dir
  }

  func expectMatchesGit(_ clone: String) throws {
    #expect(try Shell.gitOutput(["status", "--porcelain"], in: clone) == "")
    #expect(try Shell.git(["diff", "--cached", "--quiet", "HEAD"], in: clone).succeeded)
    // Every file staged with its committed mode and blob, in the index's order.
    let staged = try Shell.gitOutput(["ls-files", "-s"], in: clone).split(separator: "\n").map { line in
      let fields = line.split(separator: " ", maxSplits: 2)
      return "\(fields[0]) \(fields[1]) \(line.split(separator: "\t").last ?? "")"
    }
    let committed = try Shell.gitOutput(["ls-tree", "-r", "HEAD"], in: clone).split(separator: "\n").map { line in
      let fields = line.split(separator: " ", maxSplits: 2)
      return "\(fields[0]) \(fields[2].split(separator: "\t")[0]) \(line.split(separator: "\t").last ?? "")"
    }
    #expect(staged == committed)
    #expect(try Shell.git(["fsck", "--strict"], in: clone).succeeded)
  }

  @Test("a clone's files, modes and index are exactly HEAD's, as the git CLI sees them")
  func filesAndIndexMatchHead() throws {
    let origin = try makeOrigin()
    let clone = folder.file("clone")
    _ = try Repository.clone(url: origin, to: clone, callbacks: TransferCallbacks())
    try expectMatchesGit(clone)
    #expect(FileManager.default.isExecutableFile(atPath: clone + "/tools/run.sh"))
    #expect(!FileManager.default.isExecutableFile(atPath: clone + "/a.b"))
    #expect(try String(contentsOfFile: clone + "/claims/13/1319.md", encoding: .utf8).hasPrefix("claim 19 19\n"))
    // The index vet wrote is one vet's own staging area can patch.
    let staging = try StagingArea(repository: Repository.open(at: clone))
    #expect(try staging.stagedID(path: "a/deep/er/file.txt") != nil)
  }

  @Test("a tree with a symbolic link is left to libgit2's checkout, with the same result")
  func linksGoThroughLibgit2() throws {
    let origin = try makeOrigin(link: true)
    let clone = folder.file("clone")
    _ = try Repository.clone(url: origin, to: clone, callbacks: TransferCallbacks())
    try expectMatchesGit(clone)
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: clone + "/latest") == "sources/wire/v1.txt")
  }

  @Test("objects are ordered by where they lie in the pack, as its .idx records")
  func packOffsetsFollowTheIndex() throws {
    let origin = try makeOrigin()
    let offsets = PackOffsets(objectsDirectory: origin + "/.git/objects/pack/")
    // git verify-pack lists every object with its offset in the pack.
    let pack = try #require(
      try FileManager.default.contentsOfDirectory(atPath: origin + "/.git/objects/pack").first { $0.hasSuffix(".idx") })
    let listing = try Shell.gitOutput(["verify-pack", "-v", ".git/objects/pack/" + pack], in: origin)
    var checked = 0
    for line in listing.split(separator: "\n") {
      let fields = line.split(separator: " ", omittingEmptySubsequences: true)
      guard fields.count >= 5, fields[0].count == 40, let id = ObjectID(hex: String(fields[0])),
        let offset = UInt64(fields[4])
      else { continue }
      #expect(offsets.position(id) == offset)
      checked += 1
    }
    #expect(checked > 400)
    #expect(offsets.position(try #require(ObjectID(hex: String(repeating: "ab", count: 20)))) == .max)
  }
}
