// Plain functions over MPI, BLACS/ScaLAPACK and ELPA for Swift, which cannot
// import OpenMPI's handle macros (MPI_COMM_WORLD, MPI_DOUBLE) or Fortran
// symbols. Every call works on MPI_COMM_WORLD; each returns 0 or an error code.
#ifndef CDISTRIBUTED_H
#define CDISTRIBUTED_H

#include <stdint.h>

// MPI
int hs_mpi_init(void);
int hs_mpi_finalize(void);
int hs_mpi_rank(void);
int hs_mpi_size(void);
/// Ranks sharing this rank's node (its memory).
int hs_mpi_node_size(void);
int hs_mpi_barrier(void);
/// The largest (`max` != 0) or smallest `value` over all ranks.
int64_t hs_mpi_allreduce_int64(int64_t value, int max);
double hs_mpi_allreduce_double(double value, int max);
int hs_mpi_bcast(void *buffer, int64_t bytes, int root);
/// Replaces `values` on every rank by their sum over all ranks.
int hs_mpi_allreduce_sum(double *values, int64_t count);
void hs_mpi_abort(int code);
/// Waits for every rank to reach this call: 0 when they all did, 1 when
/// `seconds` passed first (seconds < 0: wait for ever).
int hs_mpi_exit_barrier(double seconds);

// BLACS and ScaLAPACK (descriptors are 9 ints)
int hs_blacs_gridinit(int rows, int columns, int *context, int *myrow, int *mycol);
void hs_blacs_gridexit(int context);
int hs_numroc(int n, int block, int process, int processes);
int hs_descinit(int *descriptor, int n, int block, int context, int local_rows);
/// The descriptor of a rows × columns matrix in square blocks.
int hs_descinit_general(int *descriptor, int rows, int columns, int block, int context, int local_rows);
/// pdsytrd on the upper triangle of `a`: on return its diagonal and first
/// superdiagonal hold the tridiagonal T, the rest and `tau` (LOCc(n)
/// values) the reflectors Q.
int hs_pdsytrd(int n, double *a, const int *desca, double *tau);
/// pdormtr: C ← Q·C for the n × k block-cyclic `c`, Q from hs_pdsytrd.
int hs_pdormtr(int n, int k, double *a, const int *desca, const double *tau, double *c, const int *descc);
/// Eigenvalues (and with `vectors` != 0 eigenvectors into z) of the
/// symmetric matrix whose upper triangle is in `a`; `a` is destroyed.
int hs_pdsyevd(int n, double *a, const int *desca, double *w, double *z, const int *descz);
/// pdsyev, eigenvalues only: PDSYTRD in place, then the tridiagonal on
/// every process; its workspace is O(n + b·local rows), no second matrix.
int hs_pdsyev(int n, double *a, const int *desca, double *w);
/// pdsyevr, eigenvalues only: all (il = 1, iu = n) or the il-th to iu-th
/// smallest (1-based); `found` receives their number.
int hs_pdsyevr(int n, double *a, const int *desca, int il, int iu, double *w, int *found);

// ELPA: the `nev` smallest eigenvalues (nev = n: all) of the block-cyclic
// matrix (block `block`, local rows × columns), by the 2-stage solver.
int hs_elpa_eigenvalues(int n, int nev, double *a, int local_rows, int local_columns, int block,
                        int context, int myrow, int mycol, int two_stage, double *w);

#endif
