// swift-tools-version:6.1
import PackageDescription

/// danvan's benchmarks, kept out of the main package so that its `swift build` and
/// `swift test` never build them (nor fetch their dependencies).
///
/// - `danvan-bench`: the end-to-end load generator that drives a real `danvand` over its
///   socket (latency histograms with hdrhistogram-swift), run by `make bench`.
/// - `danvan-stages`: the CPU of each step of a 512-event append, in process (BENCHMARKS.md).
/// - `Benchmarks/DanvanMicro`: ordo-one/benchmark micro-benchmarks of the hot paths
///   (record framing and CRC32C, JSON, the event payload codec, admission, projections),
///   run by `swift package --disable-sandbox benchmark` in this folder.
/// The danvan modules the in-process benchmarks link (no daemon, no socket).
let danvanModules: [Target.Dependency] = ["DanvanStorage", "DanvanJSON", "DanvanDomain", "DanvanProtocol"].map {
    .product(name: $0, package: "danvan")
}

let package = Package(
    name: "danvan-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "danvan", path: ".."),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift.git", exact: "0.2.0"),
        .package(url: "https://github.com/ordo-one/benchmark.git", exact: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "danvan-bench",
            dependencies: [.product(name: "Histogram", package: "hdrhistogram-swift")]
        ),
        .executableTarget(
            name: "danvan-stages",
            dependencies: danvanModules
        ),
        .executableTarget(
            name: "DanvanMicro",
            dependencies: [.product(name: "Benchmark", package: "benchmark")] + danvanModules,
            path: "Benchmarks/DanvanMicro",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
