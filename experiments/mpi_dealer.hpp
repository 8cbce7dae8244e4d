#pragma once
// `repsim sweep --mpi`: the runs of a sweep dealt to MPI ranks as they become free (runs differ in
// length; no static split). Rank 0 is the dealer and the only rank that touches the sweep directory's
// journal and tables: it checks the directory and decides the runs to do (resume and shard included,
// experiments/sweep.hpp), hands one run id to each worker that asks, appends each finished record
// (sent back as its journal line, which keeps every double bit for bit) and writes the tables at the
// end. Workers only run: every rank prepares the same SweepPlan from the spec, so a run id is all a
// worker needs. With one rank, rank 0 does every run itself.
//
// Compiled only with REPSIM_MPI=ON; this header does not include mpi.h.
#include "experiments/sweep.hpp"

namespace repsim::experiments {

// MPI_Init on construction, MPI_Finalize on destruction: one per process.
class MpiSession {
 public:
  MpiSession();
  ~MpiSession();
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;
  int rank() const { return rank_; }
  int size() const { return size_; }

 private:
  int rank_ = 0;
  int size_ = 1;
};

// True on every rank when `ok` is true on every rank (a collective: every rank must call it). Lets the
// ranks agree to stop before dealing when one of them could not prepare the sweep.
bool all_ranks_ok(bool ok);

// A collective: every rank calls it with the same plan and options. On rank 0 it returns the report
// of the sweep (threads = number of ranks) and throws as run_sweep does (SweepRefused for a refused
// directory, std::runtime_error for a failed run or write, with every finished run kept in the
// journal); the workers are always released first. On the other ranks it returns an empty report
// and throws nothing: their errors are reported by rank 0.
SweepReport run_sweep_mpi(const SweepPlan& plan, const SweepOptions& options);

}  // namespace repsim::experiments
