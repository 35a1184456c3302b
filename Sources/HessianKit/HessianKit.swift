// The umbrella module: `import HessianKit` brings the public API of every
// library module, so programs written against the single target keep working.
@_exported import HessianCore
@_exported import HessianExperiments
@_exported import HessianFormats
@_exported import HessianPlots
