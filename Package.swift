// swift-tools-version:6.1
import PackageDescription

let package = Package(
  name: "vet",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "vet", targets: ["vet"]),
    .executable(name: "vet-eval", targets: ["vet-eval"]),
    .executable(name: "vet-bench", targets: ["vet-bench"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
  ],
  targets: [
    // The C library, as Debian's libgit2-dev installs it.
    .systemLibrary(
      name: "CGit2",
      pkgConfig: "libgit2",
      providers: [.apt(["libgit2-dev"])]
    ),
    // Defers the CA bundle libgit2 parses at start-up until a transfer needs it.
    .target(name: "CGit2Certificates", linkerSettings: [.linkedLibrary("dl")]),
    // A safe Swift wrapper over libgit2: the only module that imports C.
    // (SHA-1 from swift-crypto for the index checksum and hashed known_hosts names.)
    .target(
      name: "GitKit",
      dependencies: ["CGit2", "CGit2Certificates", .product(name: "Crypto", package: "swift-crypto")]),
    // libxml2's HTML parser, as Debian's libxml2-dev installs it.
    .systemLibrary(
      name: "CLibXML2",
      pkgConfig: "libxml-2.0",
      providers: [.apt(["libxml2-dev"])]
    ),
    // Reading and comparing reporting: pure Swift, no git.
    .target(name: "Reporting"),
    // Web pages: the article of an HTML page (through libxml2's HTML parser), fetched over HTTP.
    // (libcurl, under Foundation's URL loading, is named for builds that link the Swift runtime statically.)
    .target(name: "Pages", dependencies: ["CLibXML2", "Reporting"], linkerSettings: [.linkedLibrary("curl")]),
    // The workbench: claims, sources, workspaces, history, storage.
    .target(
      name: "Workbench",
      dependencies: [
        "GitKit", "Reporting", "Pages", .product(name: "Yams", package: "Yams"),
        .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Crypto", package: "swift-crypto"),
        // SQLite's C interface: an ingest steps through thousands of rows faster than GRDB decodes them.
        .product(name: "GRDBSQLite", package: "GRDB.swift"),
      ]
    ),
    // The command line: parse, call the workbench, render.
    .executableTarget(
      name: "vet",
      dependencies: [
        "Workbench", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Mustache", package: "swift-mustache"),
      ]
    ),
    // Scores the reporting diff against the labelled evaluation set.
    .executableTarget(
      name: "vet-eval",
      dependencies: ["Reporting", "Pages", .product(name: "Yams", package: "Yams")]
    ),
    // Temporary folders, processes and git fixtures shared by the test targets.
    .target(name: "TestSupport", path: "Tests/TestSupport"),
    // Generates large workspaces and times vet against the git CLI (not run as a timed test).
    .executableTarget(
      name: "vet-bench",
      dependencies: ["Workbench", "TestSupport", .product(name: "ArgumentParser", package: "swift-argument-parser")]
    ),
    .testTarget(name: "GitKitTests", dependencies: ["GitKit", "TestSupport"]),
    .testTarget(name: "PagesTests", dependencies: ["Pages", .product(name: "Yams", package: "Yams")]),
    .testTarget(
      name: "ReportingTests",
      dependencies: ["Reporting", .product(name: "Yams", package: "Yams")]
    ),
    .testTarget(name: "WorkbenchTests", dependencies: ["Workbench", "GitKit", "TestSupport"]),
    // End-to-end: runs the built `vet` binary and checks the result with the git CLI.
    .testTarget(name: "VetTests", dependencies: ["vet", "vet-bench", "TestSupport"]),
  ]
)
