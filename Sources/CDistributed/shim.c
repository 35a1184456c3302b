#include "CDistributed.h"

#include <mpi.h>
#include <elpa/elpa.h>
#include <stdlib.h>
#include <time.h>

// ScaLAPACK and BLACS ship no C header.
extern void Cblacs_get(int context, int what, int *value);
extern void Cblacs_gridinit(int *context, char *order, int rows, int columns);
extern void Cblacs_gridinfo(int context, int *rows, int *columns, int *myrow, int *mycol);
extern void Cblacs_gridexit(int context);
extern int numroc_(const int *n, const int *nb, const int *iproc, const int *isrcproc, const int *nprocs);
extern void descinit_(int *desc, const int *m, const int *n, const int *mb, const int *nb, const int *irsrc,
                      const int *icsrc, const int *ictxt, const int *lld, int *info);
extern void pdsyevd_(const char *jobz, const char *uplo, const int *n, double *a, const int *ia, const int *ja,
                     const int *desca, double *w, double *z, const int *iz, const int *jz, const int *descz,
                     double *work, const int *lwork, int *iwork, const int *liwork, int *info);
extern void pdsytrd_(const char *uplo, const int *n, double *a, const int *ia, const int *ja, const int *desca,
                     double *d, double *e, double *tau, double *work, const int *lwork, int *info);
extern void pdormtr_(const char *side, const char *uplo, const char *trans, const int *m, const int *n,
                     double *a, const int *ia, const int *ja, const int *desca, const double *tau,
                     double *c, const int *ic, const int *jc, const int *descc, double *work, const int *lwork, int *info);
extern void pdsyev_(const char *jobz, const char *uplo, const int *n, double *a, const int *ia, const int *ja,
                    const int *desca, double *w, double *z, const int *iz, const int *jz, const int *descz,
                    double *work, const int *lwork, int *info);
extern void pdsyevr_(const char *jobz, const char *range, const char *uplo, const int *n, double *a, const int *ia,
                     const int *ja, const int *desca, const double *vl, const double *vu, const int *il,
                     const int *iu, int *m, int *nz, double *w, double *z, const int *iz, const int *jz,
                     const int *descz, double *work, const int *lwork, int *iwork, const int *liwork, int *info);

enum { HS_NO_MEMORY = -1000 };

int hs_mpi_init(void) { return MPI_Init(NULL, NULL); }
int hs_mpi_finalize(void) { return MPI_Finalize(); }

int hs_mpi_rank(void) {
    int rank = 0;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    return rank;
}

int hs_mpi_size(void) {
    int size = 1;
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    return size;
}

int hs_mpi_node_size(void) {
    MPI_Comm node;
    int size = 1;
    if (MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, 0, MPI_INFO_NULL, &node) != MPI_SUCCESS) return 1;
    MPI_Comm_size(node, &size);
    MPI_Comm_free(&node);
    return size;
}

int hs_mpi_barrier(void) { return MPI_Barrier(MPI_COMM_WORLD); }

int64_t hs_mpi_allreduce_int64(int64_t value, int max) {
    int64_t result = value;
    MPI_Allreduce(&value, &result, 1, MPI_INT64_T, max ? MPI_MAX : MPI_MIN, MPI_COMM_WORLD);
    return result;
}

double hs_mpi_allreduce_double(double value, int max) {
    double result = value;
    MPI_Allreduce(&value, &result, 1, MPI_DOUBLE, max ? MPI_MAX : MPI_MIN, MPI_COMM_WORLD);
    return result;
}

int hs_mpi_bcast(void *buffer, int64_t bytes, int root) {
    char *p = buffer;
    while (bytes > 0) {
        int chunk = bytes > (1 << 30) ? (1 << 30) : (int)bytes;
        int status = MPI_Bcast(p, chunk, MPI_BYTE, root, MPI_COMM_WORLD);
        if (status != MPI_SUCCESS) return status;
        p += chunk;
        bytes -= chunk;
    }
    return 0;
}

int hs_mpi_allreduce_sum(double *values, int64_t count) {
    while (count > 0) {
        int chunk = count > (1 << 27) ? (1 << 27) : (int)count;
        int status = MPI_Allreduce(MPI_IN_PLACE, values, chunk, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
        if (status != MPI_SUCCESS) return status;
        values += chunk;
        count -= chunk;
    }
    return 0;
}

void hs_mpi_abort(int code) { MPI_Abort(MPI_COMM_WORLD, code); }

int hs_mpi_exit_barrier(double seconds) {
    MPI_Request request;
    if (MPI_Ibarrier(MPI_COMM_WORLD, &request) != MPI_SUCCESS) return 1;
    double start = MPI_Wtime();
    for (;;) {
        int done = 0;
        MPI_Test(&request, &done, MPI_STATUS_IGNORE);
        if (done) return 0;
        if (seconds >= 0 && MPI_Wtime() - start > seconds) return 1;
        struct timespec pause = {0, 1000000};
        nanosleep(&pause, NULL);
    }
}

int hs_blacs_gridinit(int rows, int columns, int *context, int *myrow, int *mycol) {
    int nprow = 0, npcol = 0;
    Cblacs_get(-1, 0, context);
    Cblacs_gridinit(context, "Row", rows, columns);
    Cblacs_gridinfo(*context, &nprow, &npcol, myrow, mycol);
    return (nprow == rows && npcol == columns) ? 0 : -1;
}

void hs_blacs_gridexit(int context) { Cblacs_gridexit(context); }

int hs_numroc(int n, int block, int process, int processes) {
    int source = 0;
    return numroc_(&n, &block, &process, &source, &processes);
}

int hs_descinit(int *descriptor, int n, int block, int context, int local_rows) {
    int zero = 0, info = 0, lld = local_rows > 1 ? local_rows : 1;
    descinit_(descriptor, &n, &n, &block, &block, &zero, &zero, &context, &lld, &info);
    return info;
}

int hs_descinit_general(int *descriptor, int rows, int columns, int block, int context, int local_rows) {
    int zero = 0, info = 0, lld = local_rows > 1 ? local_rows : 1;
    descinit_(descriptor, &rows, &columns, &block, &block, &zero, &zero, &context, &lld, &info);
    return info;
}

int hs_pdsytrd(int n, double *a, const int *desca, double *tau) {
    int one = 1, info = 0, lwork = -1;
    double query = 0;
    // D and E (at most n local values each) are tied to A's local columns;
    // the caller reads T off A's diagonals instead.
    double *d = malloc(sizeof(double) * ((size_t)n + 1)), *e = malloc(sizeof(double) * ((size_t)n + 1));
    if (!d || !e) { free(d); free(e); return HS_NO_MEMORY; }
    pdsytrd_("U", &n, a, &one, &one, desca, d, e, tau, &query, &lwork, &info);
    if (info == 0) {
        lwork = (int)query + 1;
        double *work = malloc(sizeof(double) * (size_t)lwork);
        if (!work) info = HS_NO_MEMORY;
        else pdsytrd_("U", &n, a, &one, &one, desca, d, e, tau, work, &lwork, &info);
        free(work);
    }
    free(d);
    free(e);
    return info;
}

int hs_pdormtr(int n, int k, double *a, const int *desca, const double *tau, double *c, const int *descc) {
    int one = 1, info = 0, lwork = -1;
    double query = 0;
    pdormtr_("L", "U", "N", &n, &k, a, &one, &one, desca, tau, c, &one, &one, descc, &query, &lwork, &info);
    if (info != 0) return info;
    lwork = (int)query + 1;
    double *work = malloc(sizeof(double) * (size_t)lwork);
    if (!work) return HS_NO_MEMORY;
    pdormtr_("L", "U", "N", &n, &k, a, &one, &one, desca, tau, c, &one, &one, descc, work, &lwork, &info);
    free(work);
    return info;
}

int hs_pdsyevd(int n, double *a, const int *desca, double *w, double *z, const int *descz) {
    int one = 1, info = 0, lwork = -1, liwork = -1, iquery = 0;
    double query = 0;
    pdsyevd_("V", "U", &n, a, &one, &one, desca, w, z, &one, &one, descz, &query, &lwork, &iquery, &liwork, &info);
    if (info != 0) return info;
    lwork = (int)query + 1;
    liwork = iquery + 1;
    double *work = malloc(sizeof(double) * (size_t)lwork);
    int *iwork = malloc(sizeof(int) * (size_t)liwork);
    if (!work || !iwork) { free(work); free(iwork); return HS_NO_MEMORY; }
    pdsyevd_("V", "U", &n, a, &one, &one, desca, w, z, &one, &one, descz, work, &lwork, iwork, &liwork, &info);
    free(work);
    free(iwork);
    return info;
}

int hs_pdsyev(int n, double *a, const int *desca, double *w) {
    int one = 1, info = 0, lwork = -1;
    double query = 0, z = 0;
    pdsyev_("N", "U", &n, a, &one, &one, desca, w, &z, &one, &one, desca, &query, &lwork, &info);
    if (info != 0) return info;
    lwork = (int)query + 1;
    double *work = malloc(sizeof(double) * (size_t)lwork);
    if (!work) return HS_NO_MEMORY;
    pdsyev_("N", "U", &n, a, &one, &one, desca, w, &z, &one, &one, desca, work, &lwork, &info);
    free(work);
    return info;
}

int hs_pdsyevr(int n, double *a, const int *desca, int il, int iu, double *w, int *found) {
    int one = 1, info = 0, lwork = -1, liwork = -1, iquery = 0, nz = 0;
    double query = 0, zero = 0, z = 0;
    const char *range = (il == 1 && iu == n) ? "A" : "I";
    pdsyevr_("N", range, "U", &n, a, &one, &one, desca, &zero, &zero, &il, &iu, found, &nz, w, &z, &one, &one, desca,
             &query, &lwork, &iquery, &liwork, &info);
    if (info != 0) return info;
    lwork = (int)query + 1;
    liwork = iquery + 1;
    double *work = malloc(sizeof(double) * (size_t)lwork);
    int *iwork = malloc(sizeof(int) * (size_t)liwork);
    if (!work || !iwork) { free(work); free(iwork); return HS_NO_MEMORY; }
    pdsyevr_("N", range, "U", &n, a, &one, &one, desca, &zero, &zero, &il, &iu, found, &nz, w, &z, &one, &one, desca,
             work, &lwork, iwork, &liwork, &info);
    free(work);
    free(iwork);
    return info;
}

int hs_elpa_eigenvalues(int n, int nev, double *a, int local_rows, int local_columns, int block,
                        int context, int myrow, int mycol, int two_stage, double *w) {
    int error = ELPA_OK;
    if (elpa_init(ELPA_API_VERSION) != ELPA_OK) return 1;
    elpa_t handle = elpa_allocate(&error);
    if (error != ELPA_OK) return 2;
    elpa_set(handle, "na", n, &error);
    elpa_set(handle, "nev", nev, &error);
    elpa_set(handle, "local_nrows", local_rows, &error);
    elpa_set(handle, "local_ncols", local_columns, &error);
    elpa_set(handle, "nblk", block, &error);
    elpa_set(handle, "mpi_comm_parent", (int)MPI_Comm_c2f(MPI_COMM_WORLD), &error);
    elpa_set(handle, "process_row", myrow, &error);
    elpa_set(handle, "process_col", mycol, &error);
    elpa_set(handle, "blacs_context", context, &error);
    if (error != ELPA_OK || elpa_setup(handle) != ELPA_OK) {
        elpa_deallocate(handle, &error);
        return 3;
    }
    elpa_set(handle, "solver", two_stage ? ELPA_SOLVER_2STAGE : ELPA_SOLVER_1STAGE, &error);
    elpa_eigenvalues(handle, a, w, &error);
    int status = error == ELPA_OK ? 0 : 4;
    elpa_deallocate(handle, &error);
    elpa_uninit(&error);
    return status;
}
