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

        // MARK: Tests
        .testTarget(
            name: "HessianKitTests",
            dependencies: ["HessianKit"]
        ),
        .testTarget(
            name: "HessianSpectrumTests",
            dependencies: ["hessian-spectrum", "HessianKit"]
        ),
    ]
)
