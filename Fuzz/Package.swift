// swift-tools-version:6.1
import PackageDescription

/// danvan's libFuzzer targets, kept out of the main package (like `Benchmarks/`) so that its
/// `swift build` and `swift test` never build them.
///
/// Each target is an executable whose test function is `LLVMFuzzerTestOneInput`, run by
/// libFuzzer's driver from the target's `main.swift` (SwiftPM on Linux binds `main` to the
/// module's top-level code, so libFuzzer's own `main` cannot be used; see CLibFuzzer.h).
/// They link only when built with the fuzzer sanitizer, which `Scripts/fuzz.sh` (`make fuzz`)
/// does:
///
///     swift build --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address --product fuzz-request
///
/// - `fuzz-request`: bytes → `RequestDecoder` → operation parameters → `BatchAdmission` (the
///   JSON event validation) → payload codec round trip.
/// - `fuzz-record`: bytes → a segment file (on an in-memory file system) → verify, recovery,
///   replay of every record (CRC re-checked, payload decoded); or bytes → a record payload.
let package = Package(
    name: "danvan-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "danvan", path: ".."),
        .package(url: "https://github.com/apple/swift-system.git", from: "1.8.1"),
    ],
    targets: [
        // libFuzzer's driver entry point, called by each target's main.swift.
        .target(name: "CLibFuzzer"),
        .executableTarget(
            name: "fuzz-request",
            dependencies: [
                "CLibFuzzer",
                .product(name: "DanvanProtocol", package: "danvan"),
                .product(name: "DanvanDomain", package: "danvan"),
                .product(name: "DanvanJSON", package: "danvan"),
            ]
        ),
        .executableTarget(
            name: "fuzz-record",
            dependencies: [
                "CLibFuzzer",
                .product(name: "DanvanStorage", package: "danvan"),
                .product(name: "DanvanDomain", package: "danvan"),
                .product(name: "DanvanJSON", package: "danvan"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
    ]
)
