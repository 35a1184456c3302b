// swift-tools-version:5.9
import PackageDescription

let package = Package(
    name: "hessian-spectrum",
    products: [
        .executable(name: "hessian-spectrum", targets: ["hessian-spectrum"]),
        .library(name: "HessianKit", targets: ["HessianKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // `swift package generate-documentation --target HessianKit` (DocC).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // MARK: C libraries
        .systemLibrary(
            name: "CLAPACK",
            path: "Sources/CLAPACK",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            path: "Sources/CZlib",
            providers: [.apt(["zlib1g-dev"])]
        ),

        // MARK: Library
        .target(
            name: "HessianKit",
            dependencies: ["CLAPACK", "CZlib"]
        ),

        // MARK: Command line
        .executableTarget(
            name: "hessian-spectrum",
            dependencies: [
                "HessianKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: Example (the README's "HessianKit from Swift" program)
        .executableTarget(
            name: "small-network-spectrum",
            dependencies: ["HessianKit"],
            path: "Examples/SmallNetworkSpectrum"
        ),

        // MARK: Tests
        .testTarget(
            name: "HessianKitTests",
            dependencies: ["HessianKit"]
        ),
        .testTarget(
            name: "HessianSpectrumTests",
            dependencies: ["hessian-spectrum", "HessianKit", "CommandTestSupport"]
        ),
        // The slow end-to-end checks: the scaled-down reproduction, a paper
        // claim trained to convergence, the full Fashion-MNIST set.
        .testTarget(
            name: "HessianSpectrumIntegrationTests",
            dependencies: ["hessian-spectrum", "HessianKit", "CommandTestSupport"]
        ),
        // Runs the built binary and checks how it fails, for the two targets above.
        .target(
            name: "CommandTestSupport",
            path: "Tests/CommandTestSupport"
        ),
    ]
)
