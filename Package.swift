// swift-tools-version:5.9
import PackageDescription

#if arch(arm64)
let debianTriplet = "aarch64-linux-gnu"
#else
let debianTriplet = "x86_64-linux-gnu"
#endif

let package = Package(
    name: "hessian-spectrum",
    products: [
        .executable(name: "hessian-spectrum", targets: ["hessian-spectrum"]),
        .executable(name: "hessian-spectrum-mpi", targets: ["hessian-spectrum-mpi"]),
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

        // MARK: C libraries for more than one machine (only hessian-spectrum-mpi links them)
        .target(
            name: "CDistributed",
            // Debian's OpenMPI (libopenmpi-dev), ScaLAPACK (libscalapack-openmpi-dev)
            // and ELPA (libelpa-dev); their headers are outside /usr/include.
            cSettings: [.unsafeFlags(["-I/usr/lib/\(debianTriplet)/openmpi/include", "-I/usr/include/elpa"])],
            linkerSettings: [.linkedLibrary("elpa"), .linkedLibrary("scalapack-openmpi"), .linkedLibrary("mpi")]
        ),

        // MARK: Library
        .target(
            name: "HessianKit",
            dependencies: ["CLAPACK", "CZlib"]
        ),
        .target(
            name: "HessianKitDistributed",
            dependencies: ["HessianKit", "CDistributed"]
        ),

        // MARK: Command line
        // The commands are a library so that both executables run the same
        // parser; `Main/` holds the plain entry point.
        .target(
            name: "HessianSpectrumCommands",
            dependencies: [
                "HessianKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/hessian-spectrum",
            exclude: ["Main"]
        ),
        .executableTarget(
            name: "hessian-spectrum",
            dependencies: ["HessianSpectrumCommands"],
            path: "Sources/hessian-spectrum/Main"
        ),
        .executableTarget(
            name: "hessian-spectrum-mpi",
            dependencies: ["HessianSpectrumCommands", "HessianKitDistributed"]
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
            dependencies: ["hessian-spectrum", "HessianSpectrumCommands", "HessianKit", "CommandTestSupport"]
        ),
        // The slow end-to-end checks: the scaled-down reproduction, a paper
        // claim trained to convergence, the full Fashion-MNIST set, and
        // hessian-spectrum-mpi under mpirun.
        .testTarget(
            name: "HessianSpectrumIntegrationTests",
            dependencies: ["hessian-spectrum", "hessian-spectrum-mpi", "HessianKit", "CommandTestSupport"]
        ),
        // Runs the built binary and checks how it fails, for the two targets above.
        .target(
            name: "CommandTestSupport",
            path: "Tests/CommandTestSupport"
        ),
    ]
)
