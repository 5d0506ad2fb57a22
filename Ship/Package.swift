// swift-tools-version:6.1
import PackageDescription

/// danvan-ship: follows one province's danvand over its socket (`subscribe`) and ships every
/// event into PostgreSQL, where the national schema and figures live.
///
/// Kept out of the main package so that the daemon's `swift build` never builds postgres-nio
/// (nor BoringSSL, which it brings through swift-crypto and swift-nio-ssl).
///
/// - `DanvanShip`: the shipper (connection strings, migrations, the pure shipping decisions,
///   the PostgreSQL writer, the subscription reader, the service).
/// - `danvan-ship`: the command line (`danvan-ship run --socket PATH --province CODE --database URL`).
let package = Package(
    name: "danvan-ship",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "danvan-ship", targets: ["danvan-ship"]),
    ],
    dependencies: [
        .package(name: "danvan", path: ".."),
        .package(url: "https://github.com/vapor/postgres-nio.git", exact: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        .target(
            name: "DanvanShip",
            dependencies: [
                .product(name: "DanvanJSON", package: "danvan"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "danvan-ship",
            dependencies: [
                "DanvanShip",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(name: "DanvanShipTests", dependencies: ["DanvanShip"]),
        .testTarget(
            name: "DanvanShipPostgresTests",
            dependencies: [
                "DanvanShip",
                .product(name: "DanvanClient", package: "danvan"),
                .product(name: "DanvanJSON", package: "danvan"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
    ]
)
