/// How the eigenvalues are computed.
public enum SpectrumMethod: String, CaseIterable, Sendable {
    /// The cheapest exact method that fits (see `SpectrumEngine.plan`).
    case auto
    /// Assemble the M × M matrix, then LAPACK: all M eigenvalues.
    case dense
    /// The low-rank factorisation (`FactoredSpectrum`): all M eigenvalues.
    case factored
    /// Matrix-free Lanczos (`Lanczos`): the requested extremes only.
    case lanczos
    /// The dense matrix in tiles over several processes
    /// (`DistributedSpectrumSolver`): all M eigenvalues; only with an engine
    /// given a distributed solver.
    case distributed
    /// An estimate of the spectral density by stochastic Lanczos quadrature
    /// (`StochasticLanczosQuadrature`); never chosen by `auto`.
    case slq
    /// An estimate of the largest eigenvalues by power iteration with
    /// deflation (`PowerIteration`); never chosen by `auto`.
    case power

    /// The method's name in a sentence ("Lanczos", "dense").
    public var displayName: String {
        switch self {
        case .lanczos: return "Lanczos"
        case .slq: return "SLQ"
        case .power: return "power iteration"
        default: return rawValue
        }
    }
}
