// swift-tools-version:6.1
import PackageDescription

/// danvan: the records of mass mobilization work ("công tác dân vận") as an
/// append-only event log with in-memory projections, served over a Unix socket.
///
/// Module map, in the order a record travels:
/// - `DanvanJSON`: a byte-level JSON value, parser and writer (no Foundation on the hot path).
/// - `DanvanDomain`: events, validation, projections, queries. Pure: no I/O.
/// - `DanvanStorage`: the crash-safe segmented log (framing, CRC32C, recovery, group commit).
/// - `DanvanProtocol`: the NDJSON request/reply codecs shared by the server and its clients.
/// - `DanvanServer`: the engine, the socket server and the daemon's services.
/// - `DanvanClient`: a small blocking client used by `danvanctl` and the tests.
/// - `DanvanShell`: `danvanctl`'s commands, output formats and interactive shell (libedit).
let package = Package(
    name: "danvan",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "danvand", targets: ["danvand"]),
        .executable(name: "danvanctl", targets: ["danvanctl"]),
        // For the separate benchmarks package (Benchmarks/), which depends on this one by path.
        .library(name: "DanvanJSON", targets: ["DanvanJSON"]),
        .library(name: "DanvanDomain", targets: ["DanvanDomain"]),
        .library(name: "DanvanStorage", targets: ["DanvanStorage"]),
        // For the fuzz targets (Fuzz/, a separate package), which feed request lines to its decoder.
        .library(name: "DanvanProtocol", targets: ["DanvanProtocol"]),
        // For danvan-ship (Ship/, a separate package), which follows danvand's socket with it.
        .library(name: "DanvanClient", targets: ["DanvanClient"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-system.git", from: "1.8.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        // The xlsx workbooks of `danvanctl report` (a zip of XML parts).
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", exact: "0.9.20"),
    ],
    targets: [
        .target(name: "DanvanJSON"),
        .target(name: "DanvanDomain", dependencies: ["DanvanJSON", "CDanvanMemory"]),
        // The CPU's CRC-32C instruction for DanvanStorage's record checksums (see BENCHMARKS.md).
        .target(name: "CDanvanCRC"),
        // Huge pages for the event-id index (one madvise; see EventIndex.emptySlots).
        .target(name: "CDanvanMemory"),
        .target(name: "CDanvanFile"),
        .target(
            name: "DanvanStorage",
            dependencies: ["CDanvanCRC", "CDanvanFile", .product(name: "SystemPackage", package: "swift-system")]
        ),
        .target(name: "DanvanProtocol", dependencies: ["DanvanJSON", "DanvanDomain"]),
        .target(
            name: "DanvanServer",
            dependencies: [
                "DanvanJSON", "DanvanDomain", "DanvanStorage", "DanvanProtocol",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        .target(name: "DanvanClient", dependencies: ["DanvanJSON", "DanvanProtocol", "DanvanDomain"]),
        .systemLibrary(
            name: "CSystemd", pkgConfig: "libsystemd",
            providers: [.apt(["libsystemd-dev"])]
        ),
        .target(
            name: "DanvanSystemd",
            dependencies: [
                "CSystemd",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .systemLibrary(
            name: "CEditLine", pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        .executableTarget(
            name: "danvand",
            dependencies: [
                "DanvanServer", "DanvanStorage", "DanvanDomain", "DanvanProtocol", "DanvanJSON", "DanvanSystemd",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "DanvanShell",
            dependencies: [
                "DanvanClient", "DanvanProtocol", "DanvanJSON", "DanvanDomain", "CEditLine",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .executableTarget(
            name: "danvanctl",
            dependencies: [
                "DanvanShell", "DanvanClient", "DanvanProtocol", "DanvanJSON", "DanvanDomain", "CEditLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // What tests log, collected: shared by the test targets that check the daemon's log lines.
        .target(
            name: "DanvanLogTestSupport", dependencies: [.product(name: "Logging", package: "swift-log")],
            path: "Tests/DanvanLogTestSupport"),
        .testTarget(name: "DanvanJSONTests", dependencies: ["DanvanJSON"], exclude: ["JSONTestSuite"]),
        .testTarget(name: "DanvanDomainTests", dependencies: ["DanvanDomain", "DanvanJSON"]),
        .testTarget(name: "DanvanStorageTests", dependencies: ["DanvanStorage"]),
        .testTarget(name: "DanvanProtocolTests", dependencies: ["DanvanProtocol", "DanvanJSON", "DanvanDomain"]),
        .testTarget(
            name: "DanvanIntegrationTests",
            dependencies: ["DanvanClient", "DanvanJSON", "DanvanProtocol", "DanvanDomain"]
        ),
        .testTarget(
            name: "DanvanServerTests",
            dependencies: [
                "DanvanServer", "DanvanProtocol", "DanvanStorage", "DanvanDomain", "DanvanJSON", "DanvanLogTestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "DanvanSystemdTests",
            dependencies: [
                "DanvanSystemd", "DanvanServer", "DanvanLogTestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(
            name: "DanvanctlTests", dependencies: ["DanvanShell", "DanvanClient", "DanvanJSON", "DanvanProtocol"],
            // Run by ReportBrowserTests to count a screenshot's pixels.
            exclude: ["Support/png-pixels.py"]),
    ]
)
