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

        // MARK: Library, one module per layer; each depends only on the ones below it.
        // Core: settings, linear algebra, the model, curvature, training, spectra.
        .target(
            name: "HessianCore",
            dependencies: ["CLAPACK"]
        ),
        // Formats: CSV, NumPy, safetensors, IDX, gzip/zip, data and model files, tables.
        .target(
            name: "HessianFormats",
            dependencies: ["HessianCore", "CZlib"]
        ),
        // Plots: SVG figures of the tables.
        .target(
            name: "HessianPlots",
            dependencies: ["HessianCore", "HessianFormats"]
        ),
        // Experiments: the paper's sweeps and its reproduction.
        .target(
            name: "HessianExperiments",
            dependencies: ["HessianCore", "HessianFormats", "HessianPlots"]
        ),
        // The umbrella: `import HessianKit` brings every library module.
        .target(
            name: "HessianKit",
            dependencies: ["HessianCore", "HessianFormats", "HessianPlots", "HessianExperiments"]
        ),
        .target(
            name: "HessianKitDistributed",
            dependencies: ["HessianCore", "CDistributed"]
        ),

        // MARK: Command line
        // Process machinery the commands use: staged outputs and signal
        // clean-up, standard streams. The library modules never import it.
        .target(
            name: "HessianRuntime",
            dependencies: ["HessianFormats"]
        ),
        // The commands are a library so that both executables run the same
        // parser; `Sources/hessian-spectrum` holds the plain entry point.
        .target(
            name: "HessianSpectrumCommands",
            dependencies: [
                "HessianKit",
                "HessianRuntime",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "hessian-spectrum",
            dependencies: ["HessianSpectrumCommands"]
        ),
        .executableTarget(
            name: "hessian-spectrum-mpi",
            dependencies: ["HessianSpectrumCommands", "HessianKit", "HessianKitDistributed", "HessianRuntime"]
        ),

        // MARK: Example (the "HessianKit from Swift" program of docs/library.md; the core module alone)
        .executableTarget(
            name: "small-network-spectrum",
            dependencies: ["HessianCore"],
            path: "Examples/SmallNetworkSpectrum"
        ),

        // MARK: Tests
        .testTarget(
            name: "HessianKitTests",
            dependencies: ["HessianCore", "HessianFormats", "HessianPlots", "HessianExperiments", "HessianRuntime", "HessianKit"]
        ),
        // A program embedding the library: HessianCore's public API alone, nothing set up first.
        .testTarget(
            name: "HessianCoreEmbeddingTests",
            dependencies: ["HessianCore"]
        ),
        .testTarget(
            name: "HessianSpectrumTests",
            dependencies: ["hessian-spectrum", "HessianSpectrumCommands", "HessianKit", "HessianRuntime", "CommandTestSupport"]
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
